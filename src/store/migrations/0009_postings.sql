-- keel schema 9: postings, and full-text search over the ledger's own words.
--
-- A posting is a role saved before (or while) applying: `keel posting add ORG --role ROLE` creates
-- or reuses the opportunity (the role at the organization) and keeps one posting for it, with the
-- description as the seeker pasted or saved it (never fetched), the URL, the deadline, the salary
-- range and the location. An opportunity with a posting and no ask is at stage `saved`.
--
-- Keys: like every search table, a posting carries search_id, and its references include it, so
-- the table can be distributed by search_id (Citus) later. The primary key stays the rowid alias
-- (the change journal restores rows by rowid); UNIQUE (search_id, id) is the key a distributed
-- schema takes as primary, and opportunities gain the same unique key so that the posting's
-- reference to its opportunity can include search_id.
CREATE UNIQUE INDEX opportunities_by_search ON opportunities (search_id, id);

CREATE TABLE postings (
  id             INTEGER PRIMARY KEY,
  search_id      INTEGER NOT NULL REFERENCES searches (id),
  opportunity_id INTEGER NOT NULL,
  saved_on       TEXT NOT NULL,
  url            TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  deadline       TEXT,
  salary_min     INTEGER CHECK (salary_min IS NULL OR salary_min >= 0),
  salary_max     INTEGER CHECK (salary_max IS NULL OR salary_max >= salary_min),
  location       TEXT NOT NULL DEFAULT '',
  note           TEXT NOT NULL DEFAULT '',
  CHECK ((salary_min IS NULL) = (salary_max IS NULL)),
  UNIQUE (search_id, id),
  FOREIGN KEY (search_id, opportunity_id) REFERENCES opportunities (search_id, id)
);
CREATE INDEX postings_by_opportunity ON postings (search_id, opportunity_id);
CREATE INDEX postings_by_deadline ON postings (search_id, deadline) WHERE deadline IS NOT NULL;

-- Full-text search (`keel list --search TEXT`): SQLite's FTS5, over the asks' reasons and notes
-- and the postings' descriptions and notes. The indexes are external-content tables: they hold
-- only the index, the text stays in asks and postings. Triggers keep them in step with every
-- write, whoever makes it (a command, an import, the page, `keel undo` restoring a row), so no
-- write path can forget them. Diacritics are folded ("Zurich" finds "Zürich").
--
-- A later migration that rebuilds asks or postings (the 12-step procedure) drops these triggers
-- with the table: it must create them again and end with the 'rebuild' command, as below.
CREATE VIRTUAL TABLE asks_fts USING fts5(
  reason, note, content = 'asks', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER asks_fts_insert AFTER INSERT ON asks BEGIN
  INSERT INTO asks_fts (rowid, reason, note) VALUES (new.id, new.reason, new.note);
END;
CREATE TRIGGER asks_fts_delete AFTER DELETE ON asks BEGIN
  INSERT INTO asks_fts (asks_fts, rowid, reason, note)
    VALUES ('delete', old.id, old.reason, old.note);
END;
CREATE TRIGGER asks_fts_update AFTER UPDATE OF id, reason, note ON asks BEGIN
  INSERT INTO asks_fts (asks_fts, rowid, reason, note)
    VALUES ('delete', old.id, old.reason, old.note);
  INSERT INTO asks_fts (rowid, reason, note) VALUES (new.id, new.reason, new.note);
END;

CREATE VIRTUAL TABLE postings_fts USING fts5(
  description, note, content = 'postings', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
  INSERT INTO postings_fts (rowid, description, note) VALUES (new.id, new.description, new.note);
END;
CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
  INSERT INTO postings_fts (postings_fts, rowid, description, note)
    VALUES ('delete', old.id, old.description, old.note);
END;
CREATE TRIGGER postings_fts_update AFTER UPDATE OF id, description, note ON postings BEGIN
  INSERT INTO postings_fts (postings_fts, rowid, description, note)
    VALUES ('delete', old.id, old.description, old.note);
  INSERT INTO postings_fts (rowid, description, note) VALUES (new.id, new.description, new.note);
END;

-- The asks already in the ledger.
INSERT INTO asks_fts (asks_fts) VALUES ('rebuild');
