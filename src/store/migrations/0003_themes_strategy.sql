-- keel schema 3: "is it about me?" and "should I change course?" — reason themes, feedback,
-- actions, the versioned strategy, pivots, and what a material version is.

-- The theme the person chose with --theme; NULL means the classifier decides when reading, so
-- improved or user-extended rules apply to old reasons too.
ALTER TABLE asks ADD COLUMN reason_theme TEXT;
-- What the role is like, checked against the focus and deal-breakers (all optional).
ALTER TABLE asks ADD COLUMN industry TEXT NOT NULL DEFAULT '';
ALTER TABLE asks ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE asks ADD COLUMN seniority TEXT NOT NULL DEFAULT '';
ALTER TABLE asks ADD COLUMN remote TEXT NOT NULL DEFAULT ''
  CHECK (remote = '' OR remote = 'remote' OR remote = 'hybrid' OR remote = 'onsite');
ALTER TABLE asks ADD COLUMN salary INTEGER CHECK (salary IS NULL OR salary >= 0);

-- A version named by `keel material add` has a date, a content hash (never the file) and a note;
-- one first seen on an ask (--material resume@v2) has none of them.
ALTER TABLE material_versions ADD COLUMN added_on TEXT;
ALTER TABLE material_versions ADD COLUMN content_hash TEXT;
ALTER TABLE material_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- An answer to a feedback ask ("what's working and not working?"): one source, one or more themes.
CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  search_id   INTEGER NOT NULL REFERENCES searches (id),
  ask_id      INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  received_on TEXT NOT NULL,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  theme       TEXT  -- the person's --theme; NULL = classified when read
);
CREATE INDEX feedback_by_ask ON feedback (ask_id);

-- What the seeker decided to do about a pattern, from a date on.
CREATE TABLE actions (
  id         INTEGER PRIMARY KEY,
  search_id  INTEGER NOT NULL REFERENCES searches (id),
  text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
  theme      TEXT NOT NULL,
  started_on TEXT NOT NULL
);

-- Every edit of the strategy is a new row holding the whole document (JSON): nothing is lost,
-- and "on 2026-10-02 you ruled out ..." can quote the words and the date.
CREATE TABLE strategy_versions (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  edited_on TEXT NOT NULL,
  made_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  summary   TEXT NOT NULL,
  body      TEXT NOT NULL
);

-- An ask made despite a deal-breaker, with the reason the person gave.
CREATE TABLE pivots (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  ask_id    INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  on_date   TEXT NOT NULL,
  rule      TEXT NOT NULL,
  why       TEXT NOT NULL CHECK (length(trim(why)) > 0)
);
CREATE INDEX pivots_by_ask ON pivots (ask_id);
