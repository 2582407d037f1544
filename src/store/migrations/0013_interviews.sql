-- keel schema 13: interviews the seeker schedules (`keel interview ASK_ID --at "YYYY-MM-DD HH:MM"`).
--
-- An interview is a round of the role an ask is about, at a moment in time: starts_at is the UTC
-- instant ('YYYY-MM-DDTHH:MM:SSZ'), so the agenda and the .ics stay right when the seeker travels
-- or the clocks change; the local wall time is derived from it for display. `zone` keeps the time
-- zone the round was scheduled in (the system's or $TZ), for reference only. The people met are
-- kept in order in interview_people, each by name and linked to the contact of that name when
-- keel knows one.
--
-- Keys: like postings (schema 9), every row carries search_id and its references include it, so
-- the tables can be distributed by search_id later; asks gain UNIQUE (search_id, id) for that.
-- Deleting an ask deletes its interviews (the store journals them first, so undo restores them).
CREATE UNIQUE INDEX asks_by_search_id ON asks (search_id, id);

CREATE TABLE interviews (
  id         INTEGER PRIMARY KEY,
  search_id  INTEGER NOT NULL REFERENCES searches (id),
  ask_id     INTEGER NOT NULL,
  round      INTEGER NOT NULL CHECK (round BETWEEN 1 AND 50),
  starts_at  TEXT NOT NULL,
  minutes    INTEGER NOT NULL DEFAULT 60 CHECK (minutes BETWEEN 5 AND 720),
  zone       TEXT NOT NULL DEFAULT '',
  prep       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (search_id, id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE
);
CREATE INDEX interviews_by_ask ON interviews (search_id, ask_id);
CREATE INDEX interviews_by_start ON interviews (search_id, starts_at);

CREATE TABLE interview_people (
  id           INTEGER PRIMARY KEY,
  search_id    INTEGER NOT NULL REFERENCES searches (id),
  interview_id INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  contact_id   INTEGER REFERENCES contacts (id),
  FOREIGN KEY (search_id, interview_id) REFERENCES interviews (search_id, id) ON DELETE CASCADE
);
CREATE INDEX interview_people_by_interview ON interview_people (search_id, interview_id, position);
