-- keel PostgreSQL schema 2: full-text search folds diacritics, as SQLite's index does
-- (unicode61 remove_diacritics), so `keel list --search zurich` finds "Zürich" on both backends.
--
-- unaccent ships with PostgreSQL (Debian's postgresql-15) and is a trusted extension: the
-- database's owner, who runs keel's migrations, may create it. unaccent() itself is only STABLE
-- (its dictionary could be changed), so an index cannot use it; keel_fold names the dictionary
-- and is declared IMMUTABLE, the usual way to index unaccented text. Were the unaccent rules file
-- ever edited, REINDEX the two indexes below.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION keel_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

DROP INDEX asks_words;
CREATE INDEX asks_words ON asks USING gin (to_tsvector('simple', keel_fold(reason || ' ' || note)));
DROP INDEX postings_words;
CREATE INDEX postings_words ON postings
  USING gin (to_tsvector('simple', keel_fold(description || ' ' || note)));
