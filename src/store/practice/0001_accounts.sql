-- A coaching practice's own file (keel.practice.db beside keel.db), schema 1: who may sign in,
-- which search each seeker owns, the sessions of signed-in browsers and failed sign-ins. The searches themselves stay in their own files
-- (keel.searches/NAME.db); PostgreSQL keeps the same two tables (pg/migrations/0004).
CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  email         TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name          TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('seeker', 'coach', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
-- One account per address, whatever its case ("Ana@Example.com" is ana@example.com).
CREATE UNIQUE INDEX accounts_by_email ON accounts (email COLLATE NOCASE);

CREATE TABLE search_owners (
  search     TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE INDEX search_owners_by_account ON search_owners (account_id);

-- A signed-in browser: the cookie holds a random 256-bit id, this table only its SHA-256 (a copy
-- of the file opens no session). It ends 30 minutes after it was last used or 12 hours after it
-- began (app/sign_in.h), at sign-out, or when its account goes.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Failed sign-ins, for throttling: 10 for one email or from one address within 15 minutes, and
-- the next attempt waits. Rows older than a day are dropped as new ones come.
CREATE TABLE sign_in_failures (
  id      INTEGER PRIMARY KEY,
  email   TEXT NOT NULL,
  address TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email COLLATE NOCASE, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);

-- A seeker's permission for one coach to see one search: `read` or `comment`, through
-- expires_on (a date; NULL: no end), until revoked (the row stays, for the seeker's record).
CREATE TABLE grants (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  search     TEXT NOT NULL REFERENCES search_owners (search) ON DELETE CASCADE,
  seeker_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  coach_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scope      TEXT NOT NULL CHECK (scope IN ('read', 'comment')),
  expires_on TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX grants_by_coach ON grants (coach_id);
CREATE INDEX grants_by_seeker ON grants (seeker_id);

-- Every read of a client's search by a coach (who, which search, what, when), for the seeker.
CREATE TABLE audit_reads (
  id          INTEGER PRIMARY KEY,
  search      TEXT NOT NULL,
  coach_email TEXT NOT NULL,
  what        TEXT NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX audit_reads_by_search ON audit_reads (search, at);

-- A coach's notes on a client's search: private (never shown to the seeker) or comments (scope
-- `comment`), each about the search, an ask ("ask:12") or a pattern ("pattern:THEME").
CREATE TABLE coach_notes (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  search     TEXT NOT NULL REFERENCES search_owners (search) ON DELETE CASCADE,
  coach_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  is_private INTEGER NOT NULL CHECK (is_private IN (0, 1)),
  about      TEXT NOT NULL DEFAULT '',
  text       TEXT NOT NULL CHECK (length(text) > 0),
  created_at TEXT NOT NULL
);
CREATE INDEX coach_notes_by_search ON coach_notes (search, id);
