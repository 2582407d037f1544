-- keel schema 6: answer history. An ask keeps every answer it received, in order: a not-yet on
-- day 3, then, after the seeker asked again, a yes on day 40. The ask row keeps the current
-- answer (outcome, replied_on, until_on, reason, reason_theme: what rates, streaks and every
-- report count); this table keeps the answers it had before that one, oldest first (by id).
-- So an ask's history is its earlier answers followed by its current answer when that is a reply,
-- and an existing database migrates with nothing to copy: each answered ask's one answer is its
-- history. The no-reply curve counts an ask's first answer (the earliest row here, else the ask's
-- own reply): the other party did reply then.
CREATE TABLE earlier_answers (
  id           INTEGER PRIMARY KEY,
  search_id    INTEGER NOT NULL REFERENCES searches (id),
  ask_id       INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  outcome      TEXT NOT NULL CHECK (outcome = 'yes' OR outcome = 'no' OR outcome = 'not-yet'),
  replied_on   TEXT,
  until_on     TEXT CHECK (until_on IS NULL OR outcome = 'not-yet'),
  reason       TEXT NOT NULL DEFAULT '',
  reason_theme TEXT  -- the person's --theme; NULL = classified when read
);
CREATE INDEX earlier_answers_by_ask ON earlier_answers (ask_id, id);
