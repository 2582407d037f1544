-- keel schema 1: the ask ledger and its change journal.
-- Every row belongs to a search, so one database can later hold many seekers' searches.
-- Dates are ISO 'YYYY-MM-DD' text: readable in the sqlite3 shell and ordered as text.
-- Enumerations are checked with OR chains, not IN lists: SQLite builds an ephemeral table for
-- an IN list on every row it checks, which made bulk inserts three times slower.

CREATE TABLE searches (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO searches (id, name) VALUES (1, 'default');

CREATE TABLE organizations (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
  UNIQUE (search_id, name COLLATE NOCASE)
);

CREATE TABLE contacts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  search_id       INTEGER NOT NULL REFERENCES searches (id),
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  organization_id INTEGER REFERENCES organizations (id),
  UNIQUE (search_id, name COLLATE NOCASE)
);

CREATE TABLE opportunities (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  search_id       INTEGER NOT NULL REFERENCES searches (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
  UNIQUE (search_id, organization_id, title COLLATE NOCASE)
);

CREATE TABLE materials (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
  UNIQUE (search_id, name COLLATE NOCASE)
);

CREATE TABLE material_versions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  material_id INTEGER NOT NULL REFERENCES materials (id),
  version     TEXT NOT NULL CHECK (length(trim(version)) > 0),
  UNIQUE (material_id, version COLLATE NOCASE)
);

-- Ids are plain rowids (max + 1): undoing the newest ask frees its id for the next one, as a
-- person would expect, and inserts skip the sqlite_sequence bookkeeping.
CREATE TABLE asks (
  id              INTEGER PRIMARY KEY,
  search_id       INTEGER NOT NULL REFERENCES searches (id),
  asked_on        TEXT NOT NULL,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  contact_id      INTEGER REFERENCES contacts (id),
  opportunity_id  INTEGER REFERENCES opportunities (id),
  kind            TEXT NOT NULL CHECK (kind = 'chat' OR kind = 'resume-review' OR kind = 'referral'
                    OR kind = 'intro' OR kind = 'application'
                    OR kind = 'interview' OR kind = 'offer' OR kind = 'feedback'
                    OR kind = 'other'),
  channel         TEXT NOT NULL CHECK (channel = 'cold-email' OR channel = 'linkedin' OR channel = 'referral'
                    OR channel = 'job-board' OR channel = 'company-site'
                    OR channel = 'recruiter' OR channel = 'event'
                    OR channel = 'phone' OR channel = 'other'),
  outcome         TEXT NOT NULL DEFAULT 'pending'
                    CHECK (outcome = 'pending' OR outcome = 'yes' OR outcome = 'no'
                    OR outcome = 'not-yet' OR outcome = 'silent'),
  replied_on      TEXT CHECK (replied_on IS NULL OR replied_on >= asked_on),
  until_on        TEXT CHECK (until_on IS NULL OR outcome = 'not-yet'),
  reason          TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX asks_by_search_date ON asks (search_id, asked_on);

CREATE TABLE ask_materials (
  ask_id              INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  material_version_id INTEGER NOT NULL REFERENCES material_versions (id),
  PRIMARY KEY (ask_id, material_version_id)
);

-- A nudge on an existing ask: never a new ask, never counted as one.
CREATE TABLE follow_ups (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  ask_id    INTEGER NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
  on_date   TEXT NOT NULL,
  note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_ups_by_ask ON follow_ups (ask_id);

-- The change journal: one row per command that wrote, and the row images needed to revert it.
-- Append-only except for undone_at, so it doubles as the audit trail.
CREATE TABLE changes (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  made_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  summary   TEXT NOT NULL,
  undone_at TEXT
);

-- op 'insert': rows first_rowid..last_rowid of tbl were inserted (undo deletes them);
-- op 'update' / 'delete': before holds the row as a JSON object (undo restores it).
CREATE TABLE change_rows (
  change_id   INTEGER NOT NULL REFERENCES changes (id),
  seq         INTEGER NOT NULL,
  tbl         TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op = 'insert' OR op = 'update' OR op = 'delete'),
  first_rowid INTEGER NOT NULL,
  last_rowid  INTEGER NOT NULL,
  before      TEXT,
  PRIMARY KEY (change_id, seq)
) WITHOUT ROWID;
