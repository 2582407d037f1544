-- A coaching practice's own file (keel.practice.db beside keel.db), schema 1: who may sign in,
-- and which search each seeker owns. The searches themselves stay in their own files
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
