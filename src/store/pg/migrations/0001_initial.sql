-- keel on PostgreSQL, schema 1: the same ledger as SQLite's migrations 1-12, laid out so that a
-- practice can grow past one machine on Citus (see docs/scaling.md). The rules, checked by
-- tests/pg/schema_rules_test.py against information_schema and pg_catalog:
--
--   * Every search table carries search_id, the distribution column. Its primary key, every
--     unique key and every foreign key to another search table include search_id, so that every
--     row of one search lives on one shard and every join stays there.
--   * Tables without search_id are small reference tables (copied to every node): only
--     keel_schema here.
--   * Row-level security is enabled and forced on every search table: a connection sees and
--     writes only the search named by the transaction-local setting keel.search_id
--     (set_config('keel.search_id', ID, true)); with no search set it sees nothing.
--
-- Ids are per search (an ask is "#12" in its own search, as on SQLite, so the same commands
-- print the same bytes on both backends). An INSERT without an id gets one from the trigger
-- keel_assign_id, numbered as SQLite numbers rowids in a file of one search: the largest id + 1,
-- or, for the tables declared AUTOINCREMENT there (organizations, contacts, opportunities,
-- materials, material_versions, changes: ids never come back after a delete), one more than
-- the largest ever used, kept in id_high_water. The store's write transaction first locks the
-- search's row in `searches`, so writers of one search take turns (as SQLite has one writer per
-- file) and two never get the same id; writers of different searches never wait for each other.
-- Every table the journal restores rows of has an id, as every SQLite table has a rowid.
--
-- Dates are `date`; instants are text in UTC, "2026-12-02T09:30:00Z", as on SQLite, so that
-- what a command prints of them is the same on both; flags are integers 0 and 1, as on SQLite,
-- so the same SQL writes them. Names compare case-insensitively in ASCII only
-- (lower(name COLLATE "C")), exactly like SQLite's NOCASE, so a name that is a duplicate on one
-- backend is a duplicate on the other.

CREATE TABLE keel_schema (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE searches (
  search_id  bigint PRIMARY KEY,
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  created_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

CREATE TABLE id_high_water (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  tbl       text NOT NULL,
  last_id   bigint NOT NULL,
  PRIMARY KEY (search_id, tbl)
);

CREATE TABLE organizations (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  name      text NOT NULL CHECK (length(btrim(name)) > 0),
  PRIMARY KEY (search_id, id)
);
CREATE UNIQUE INDEX organizations_by_name ON organizations (search_id, lower(name COLLATE "C"));

CREATE TABLE contacts (
  search_id       bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id              bigint NOT NULL,
  name            text NOT NULL CHECK (length(btrim(name)) > 0),
  organization_id bigint,
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, organization_id) REFERENCES organizations (search_id, id)
);
CREATE UNIQUE INDEX contacts_by_name ON contacts (search_id, lower(name COLLATE "C"));

CREATE TABLE opportunities (
  search_id       bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id              bigint NOT NULL,
  organization_id bigint NOT NULL,
  title           text NOT NULL CHECK (length(btrim(title)) > 0),
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, organization_id) REFERENCES organizations (search_id, id)
);
CREATE UNIQUE INDEX opportunities_by_title
  ON opportunities (search_id, organization_id, lower(title COLLATE "C"));

CREATE TABLE materials (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  name      text NOT NULL CHECK (length(btrim(name)) > 0),
  PRIMARY KEY (search_id, id)
);
CREATE UNIQUE INDEX materials_by_name ON materials (search_id, lower(name COLLATE "C"));

CREATE TABLE material_versions (
  search_id    bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id           bigint NOT NULL,
  material_id  bigint NOT NULL,
  version      text NOT NULL CHECK (length(btrim(version)) > 0),
  added_on     date,
  content_hash text,
  note         text NOT NULL DEFAULT '',
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, material_id) REFERENCES materials (search_id, id)
);
CREATE UNIQUE INDEX material_versions_by_version
  ON material_versions (search_id, material_id, lower(version COLLATE "C"));

CREATE TABLE asks (
  search_id       bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id              bigint NOT NULL,
  asked_on        date NOT NULL,
  organization_id bigint NOT NULL,
  contact_id      bigint,
  via_contact_id  bigint,
  opportunity_id  bigint,
  kind            text NOT NULL CHECK (kind IN ('chat', 'resume-review', 'referral', 'intro',
                    'application', 'interview', 'offer', 'feedback', 'other')),
  channel         text NOT NULL CHECK (channel IN ('cold-email', 'linkedin', 'referral',
                    'job-board', 'company-site', 'recruiter', 'event', 'phone', 'other')),
  outcome         text NOT NULL DEFAULT 'pending'
                    CHECK (outcome IN ('pending', 'yes', 'no', 'not-yet', 'silent', 'withdrawn')),
  replied_on      date CHECK (replied_on IS NULL OR replied_on >= asked_on),
  until_on        date CHECK (until_on IS NULL OR outcome = 'not-yet'),
  reason          text NOT NULL DEFAULT '',
  note            text NOT NULL DEFAULT '',
  reason_theme    text,
  industry        text NOT NULL DEFAULT '',
  location        text NOT NULL DEFAULT '',
  seniority       text NOT NULL DEFAULT '',
  remote          text NOT NULL DEFAULT '' CHECK (remote IN ('', 'remote', 'hybrid', 'onsite')),
  salary          bigint CHECK (salary IS NULL OR salary >= 0),
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, organization_id) REFERENCES organizations (search_id, id),
  FOREIGN KEY (search_id, contact_id) REFERENCES contacts (search_id, id),
  FOREIGN KEY (search_id, via_contact_id) REFERENCES contacts (search_id, id),
  FOREIGN KEY (search_id, opportunity_id) REFERENCES opportunities (search_id, id)
);
CREATE INDEX asks_by_date ON asks (search_id, asked_on);
CREATE INDEX asks_by_until ON asks (search_id, until_on) WHERE until_on IS NOT NULL;
CREATE INDEX asks_pending_by_date ON asks (search_id, asked_on) WHERE outcome = 'pending';
CREATE INDEX asks_by_via ON asks (search_id, via_contact_id) WHERE via_contact_id IS NOT NULL;
-- Full-text search (`keel list --search`): PostgreSQL's own, over the words the seeker wrote, as
-- an index on an expression (not a generated column, which the journal could not restore rows
-- into): queries match `to_tsvector('simple', reason || ' ' || note)`. 'simple' does not stem,
-- like SQLite's unicode61 tokenizer; unaccent is not in core, so diacritics match as written.
CREATE INDEX asks_words ON asks USING gin (to_tsvector('simple', reason || ' ' || note));

CREATE TABLE ask_materials (
  search_id           bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id                  bigint NOT NULL,
  ask_id              bigint NOT NULL,
  material_version_id bigint NOT NULL,
  PRIMARY KEY (search_id, id),
  UNIQUE (search_id, ask_id, material_version_id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE,
  FOREIGN KEY (search_id, material_version_id) REFERENCES material_versions (search_id, id)
);

CREATE TABLE follow_ups (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  ask_id    bigint NOT NULL,
  on_date   date NOT NULL,
  note      text NOT NULL DEFAULT '',
  planned   integer NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE
);
CREATE INDEX follow_ups_by_ask ON follow_ups (search_id, ask_id);

-- The change journal (keel undo): one row per command, the rows it touched with their images.
CREATE TABLE changes (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  made_at   text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  made_by   text NOT NULL DEFAULT '',
  summary   text NOT NULL,
  undone_at text,
  PRIMARY KEY (search_id, id)
);

CREATE TABLE change_rows (
  search_id   bigint NOT NULL,
  change_id   bigint NOT NULL,
  seq         integer NOT NULL,
  tbl         text NOT NULL,
  op          text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  first_rowid bigint NOT NULL,  -- the rows' ids (SQLite's rowids)
  last_rowid  bigint NOT NULL,
  before      jsonb,
  PRIMARY KEY (search_id, change_id, seq),
  FOREIGN KEY (search_id, change_id) REFERENCES changes (search_id, id) ON DELETE CASCADE
);

-- Derived counts, kept in step by the store on every write (see src/store/tallies.cc).
CREATE TABLE tallies (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  dim       text NOT NULL,
  key       text NOT NULL,
  outcome   text NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (search_id, id),
  UNIQUE (search_id, dim, key, outcome)
);

CREATE TABLE reply_delays (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  days      integer NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (search_id, id),
  UNIQUE (search_id, days)
);

CREATE TABLE waiting_by_date (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  asked_on  date NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (search_id, id),
  UNIQUE (search_id, asked_on)
);

CREATE TABLE feedback (
  search_id   bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id          bigint NOT NULL,
  ask_id      bigint NOT NULL,
  received_on date NOT NULL,
  text        text NOT NULL CHECK (length(btrim(text)) > 0),
  theme       text,
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE
);
CREATE INDEX feedback_by_ask ON feedback (search_id, ask_id);

CREATE TABLE actions (
  search_id  bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id         bigint NOT NULL,
  text       text NOT NULL CHECK (length(btrim(text)) > 0),
  theme      text NOT NULL,
  started_on date NOT NULL,
  PRIMARY KEY (search_id, id)
);

CREATE TABLE strategy_versions (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  edited_on date NOT NULL,
  made_at   text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  summary   text NOT NULL,
  body      text NOT NULL,
  PRIMARY KEY (search_id, id)
);

CREATE TABLE pivots (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  ask_id    bigint NOT NULL,
  on_date   date NOT NULL,
  rule      text NOT NULL,
  why       text NOT NULL CHECK (length(btrim(why)) > 0),
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE
);
CREATE INDEX pivots_by_ask ON pivots (search_id, ask_id);

CREATE TABLE earlier_answers (
  search_id    bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id           bigint NOT NULL,
  ask_id       bigint NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('yes', 'no', 'not-yet')),
  replied_on   date,
  until_on     date CHECK (until_on IS NULL OR outcome = 'not-yet'),
  reason       text NOT NULL DEFAULT '',
  reason_theme text,
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id) ON DELETE CASCADE
);
CREATE INDEX earlier_answers_by_ask ON earlier_answers (search_id, ask_id, id);

CREATE TABLE search_closings (
  search_id bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id        bigint NOT NULL,
  ask_id    bigint NOT NULL,
  closed_on date NOT NULL,
  PRIMARY KEY (search_id, id),
  UNIQUE (search_id),
  FOREIGN KEY (search_id, ask_id) REFERENCES asks (search_id, id)
);

CREATE TABLE postings (
  search_id      bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id             bigint NOT NULL,
  opportunity_id bigint NOT NULL,
  saved_on       date NOT NULL,
  url            text NOT NULL DEFAULT '',
  description    text NOT NULL DEFAULT '',
  deadline       date,
  salary_min     bigint CHECK (salary_min IS NULL OR salary_min >= 0),
  salary_max     bigint CHECK (salary_max IS NULL OR salary_max >= salary_min),
  location       text NOT NULL DEFAULT '',
  note           text NOT NULL DEFAULT '',
  CHECK ((salary_min IS NULL) = (salary_max IS NULL)),
  PRIMARY KEY (search_id, id),
  FOREIGN KEY (search_id, opportunity_id) REFERENCES opportunities (search_id, id)
);
CREATE INDEX postings_by_opportunity ON postings (search_id, opportunity_id);
CREATE INDEX postings_by_deadline ON postings (search_id, deadline) WHERE deadline IS NOT NULL;
CREATE INDEX postings_words ON postings USING gin (to_tsvector('simple', description || ' ' || note));

CREATE TABLE weekly_goals (
  search_id     bigint NOT NULL REFERENCES searches (search_id) ON DELETE CASCADE,
  id            bigint NOT NULL,
  set_on        date NOT NULL,
  asks_per_week integer CHECK (asks_per_week IS NULL OR asks_per_week BETWEEN 1 AND 500),
  made_at       text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  PRIMARY KEY (search_id, id)
);
CREATE INDEX weekly_goals_by_search ON weekly_goals (search_id, set_on, id);

-- Numbers a new row of a search table as SQLite would (see the top of this file). TG_ARGV[0] is
-- 'autoincrement' for the tables whose ids are never reused. BEFORE triggers run before NOT NULL
-- is checked, so `id` stays NOT NULL (it is in the primary key) and an INSERT may still omit it.
CREATE FUNCTION keel_assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  largest bigint;
  high bigint;
BEGIN
  IF TG_NARGS > 0 AND TG_ARGV[0] = 'autoincrement' THEN
    SELECT last_id INTO high FROM id_high_water
      WHERE search_id = NEW.search_id AND tbl = TG_TABLE_NAME;
  END IF;
  IF NEW.id IS NULL THEN
    EXECUTE format('SELECT max(id) FROM %I WHERE search_id = $1', TG_TABLE_NAME)
      INTO largest USING NEW.search_id;
    NEW.id := greatest(coalesce(largest, 0), coalesce(high, 0)) + 1;
  END IF;
  IF TG_NARGS > 0 AND TG_ARGV[0] = 'autoincrement' AND NEW.id > coalesce(high, 0) THEN
    INSERT INTO id_high_water (search_id, tbl, last_id)
      VALUES (NEW.search_id, TG_TABLE_NAME, NEW.id)
      ON CONFLICT (search_id, tbl) DO UPDATE SET last_id = EXCLUDED.last_id;
  END IF;
  RETURN NEW;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.columns s
      ON s.table_schema = c.table_schema AND s.table_name = c.table_name
         AND s.column_name = 'search_id'
    WHERE c.table_schema = current_schema() AND c.column_name = 'id'
  LOOP
    EXECUTE format(
      'CREATE TRIGGER assign_id BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION keel_assign_id(%L)',
      t, CASE WHEN t IN ('organizations', 'contacts', 'opportunities', 'materials',
                         'material_versions', 'changes') THEN 'autoincrement' ELSE 'plain' END);
  END LOOP;
END
$$;

-- The search this transaction works on: set_config('keel.search_id', ID, true) at the start of
-- each transaction (never a session-wide SET, which would leak through a pooled connection).
CREATE FUNCTION keel_current_search() RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('keel.search_id', true), '')::bigint $$;

-- Row-level security on every search table (every table with a search_id column): the policy
-- compares with the transaction's keel.search_id; an unset or empty setting matches no row.
-- FORCE applies it to the tables' owner too, so no connection reads across searches by accident.
DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb
      ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'search_id'
      AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY one_search ON %I USING (search_id = keel_current_search()) '
      'WITH CHECK (search_id = keel_current_search())', t);
  END LOOP;
END
$$;
