-- A seeker's questions to their coach under the 24-hour promise (PRODUCT.md, "The coaching
-- practice"), and what happened to each: a coach's answer (the first one stops the clock), a
-- coach's request for more information (the clock pauses) and the seeker's reply (it runs
-- again). The author's email is kept with the event, so an answer still says who gave it after
-- that coach's account is gone.
CREATE TABLE questions (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  search    TEXT NOT NULL REFERENCES search_owners (search) ON DELETE CASCADE,
  seeker_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  text      TEXT NOT NULL CHECK (length(text) > 0),
  asked_at  TEXT NOT NULL
);
CREATE INDEX questions_by_search ON questions (search, id);

CREATE TABLE question_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id  INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('answer', 'need-info', 'reply')),
  author_id    INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  author_email TEXT NOT NULL,
  text         TEXT NOT NULL CHECK (length(text) > 0),
  at           TEXT NOT NULL
);
CREATE INDEX question_events_by_question ON question_events (question_id, id);
