#!/usr/bin/env python3
"""keel's PostgreSQL schema keeps Citus's rules and isolates searches with row-level security.

Run by CTest inside the `pg` fixture (a private cluster, tests/pg/pg_cluster.py):

    schema_rules_test.py STATE_DIR MIGRATIONS_DIR

It creates a scratch database, applies src/store/pg/migrations/*.sql as `keel_rules_owner` (a role that
is not a superuser: superusers bypass row-level security), grants `keel_rules_app` what the server gets
(rows, never ownership), and then checks, from information_schema and pg_catalog:

  Citus: every table either carries search_id (a search table, distributed by it) or is one of
  the small reference tables; every primary key and unique index of a search table includes
  search_id; every foreign key between search tables maps search_id to search_id; no reference
  table points into a search table.

  RLS: row-level security is enabled and forced on every search table; keel_rules_app owns nothing;
  with two searches in the database, a raw `SELECT *` of each search table as keel_rules_app sees only
  the rows of the search set for the transaction, nothing when none is set, and cannot write a
  row into another search.
"""
import pathlib
import sys
import unittest

import psycopg2

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import pg_cluster  # noqa: E402

REFERENCE_TABLES = {"keel_schema", "search_names", "accounts", "search_owners", "sessions",
                    "sign_in_failures", "grants", "audit_reads",
                    "coach_notes", "questions", "question_events", "programs",
                    "enrolments", "enrolment_steps_done", "outbox", "mail_lists",
                    "undeliverable_addresses"}

STATE_DIR, MIGRATIONS_DIR = sys.argv[1], pathlib.Path(sys.argv[2])
DB = "keel_schema_rules"

# One row in every search table for search S, in an order the foreign keys accept. A search table
# added to the schema without a row here fails test_every_search_table_is_seeded: the isolation
# test can only prove what it has rows for.
SEED = """
INSERT INTO search_names (id, name) VALUES (%(s)s, 'search ' || %(s)s);
INSERT INTO searches (search_id) VALUES (%(s)s);
INSERT INTO id_high_water (search_id, tbl, last_id) VALUES (%(s)s, 'organizations', 1);
INSERT INTO organizations (search_id, id, name) VALUES (%(s)s, 1, 'Acme');
INSERT INTO contacts (search_id, id, name, organization_id) VALUES (%(s)s, 1, 'Ana', 1);
INSERT INTO opportunities (search_id, id, organization_id, title) VALUES (%(s)s, 1, 1, 'Analyst');
INSERT INTO materials (search_id, id, name) VALUES (%(s)s, 1, 'resume');
INSERT INTO material_versions (search_id, id, material_id, version) VALUES (%(s)s, 1, 1, 'v1');
INSERT INTO asks (search_id, id, asked_on, organization_id, contact_id, via_contact_id,
                  opportunity_id, kind, channel, outcome, replied_on, reason)
  VALUES (%(s)s, 1, '2026-11-02', 1, 1, 1, 1, 'application', 'job-board', 'no', '2026-11-09',
          'we hired internally');
INSERT INTO ask_materials (search_id, ask_id, material_version_id) VALUES (%(s)s, 1, 1);
INSERT INTO follow_ups (search_id, id, ask_id, on_date) VALUES (%(s)s, 1, 1, '2026-11-05');
INSERT INTO changes (search_id, id, summary) VALUES (%(s)s, 1, 'ask Acme');
INSERT INTO change_rows (search_id, change_id, seq, tbl, op, first_rowid, last_rowid)
  VALUES (%(s)s, 1, 1, 'asks', 'insert', 1, 1);
INSERT INTO tallies (search_id, dim, key, outcome, n) VALUES (%(s)s, 'all', '', 'no', 1);
INSERT INTO reply_delays (search_id, days, n) VALUES (%(s)s, 7, 1);
INSERT INTO waiting_by_date (search_id, asked_on, n) VALUES (%(s)s, '2026-11-02', 1);
INSERT INTO feedback (search_id, id, ask_id, received_on, text)
  VALUES (%(s)s, 1, 1, '2026-11-10', 'more SQL');
INSERT INTO actions (search_id, id, text, theme, started_on)
  VALUES (%(s)s, 1, 'SQL course', 'skills-gap', '2026-11-11');
INSERT INTO strategy_versions (search_id, id, edited_on, summary, body)
  VALUES (%(s)s, 1, '2026-11-01', 'focus on analytics', '{}');
INSERT INTO pivots (search_id, id, ask_id, on_date, rule, why)
  VALUES (%(s)s, 1, 1, '2026-11-02', 'industry', 'a friend asked');
INSERT INTO earlier_answers (search_id, id, ask_id, outcome, replied_on)
  VALUES (%(s)s, 1, 1, 'not-yet', '2026-11-04');
INSERT INTO search_closings (search_id, id, ask_id, closed_on) VALUES (%(s)s, 1, 1, '2026-11-20');
INSERT INTO postings (search_id, id, opportunity_id, saved_on, description)
  VALUES (%(s)s, 1, 1, '2026-11-01', 'SQL and dashboards');
INSERT INTO weekly_goals (search_id, id, set_on, asks_per_week) VALUES (%(s)s, 1, '2026-11-02', 5);
INSERT INTO interviews (search_id, id, ask_id, round, starts_at)
  VALUES (%(s)s, 1, 1, 1, '2026-11-12T15:00:00Z');
INSERT INTO interview_people (search_id, id, interview_id, position, name, contact_id)
  VALUES (%(s)s, 1, 1, 0, 'Ana', 1);
"""


def connect(dbname="postgres"):
    info = pg_cluster.conninfo(STATE_DIR)
    conn = psycopg2.connect(f"{info} dbname={dbname}")
    conn.autocommit = True
    return conn


def in_search(cur, search_id):
    cur.execute("SELECT set_config('keel.search_id', %s, true)", (str(search_id),))


class SchemaRules(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        admin = connect()
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {DB}")
            for role in ("keel_rules_app", "keel_rules_owner"):
                cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                if cur.fetchone():
                    cur.execute(f"DROP OWNED BY {role}")
                    cur.execute(f"DROP ROLE {role}")
            cur.execute("CREATE ROLE keel_rules_owner NOLOGIN NOSUPERUSER NOBYPASSRLS")
            cur.execute("CREATE ROLE keel_rules_app NOLOGIN NOSUPERUSER NOBYPASSRLS")
            cur.execute(f"CREATE DATABASE {DB} OWNER keel_rules_owner")
        admin.close()

        cls.conn = connect(DB)
        cls.conn.autocommit = False
        cur = cls.conn.cursor()
        cur.execute("SET ROLE keel_rules_owner")
        for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
            cur.execute(path.read_text())
        cur.execute("GRANT USAGE ON SCHEMA public TO keel_rules_app")
        cur.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO keel_rules_app")
        cur.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO keel_rules_app")
        for s in (1, 2):
            in_search(cur, s)
            cur.execute(SEED, {"s": s})
            cls.conn.commit()
            cur.execute("SET ROLE keel_rules_owner")
        cur.execute("RESET ROLE")
        cls.conn.commit()
        cls.cur = cur

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()

    def setUp(self):
        self.cur.execute("RESET ROLE")
        self.conn.commit()

    def tearDown(self):
        self.conn.rollback()

    def query(self, sql, args=()):
        self.cur.execute(sql, args)
        return self.cur.fetchall()

    def tables(self):
        return [r[0] for r in self.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")]

    def search_tables(self):
        return [r[0] for r in self.query(
            "SELECT c.table_name FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = 'public' AND c.column_name = 'search_id' "
            "AND t.table_type = 'BASE TABLE' ORDER BY 1")]

    def test_every_table_is_a_search_table_or_a_reference_table(self):
        search = set(self.search_tables())
        self.assertGreater(len(search), 15)
        others = set(self.tables()) - search
        self.assertEqual(others, REFERENCE_TABLES,
                         "a table without search_id must be a small reference table: add "
                         "search_id, or list it in REFERENCE_TABLES and docs/scaling.md")

    def test_primary_keys_include_search_id(self):
        for t in self.search_tables():
            cols = [r[0] for r in self.query(
                "SELECT k.column_name FROM information_schema.table_constraints c "
                "JOIN information_schema.key_column_usage k USING (constraint_schema, "
                "constraint_name) WHERE c.table_schema = 'public' AND c.table_name = %s "
                "AND c.constraint_type = 'PRIMARY KEY'", (t,))]
            self.assertTrue(cols, f"{t} has no primary key")
            self.assertIn("search_id", cols, f"{t}'s primary key {cols} lacks search_id")

    def test_unique_indexes_include_search_id(self):
        # pg_index rather than information_schema: unique indexes on expressions (the
        # case-insensitive names) are not constraints, and Citus requires them to hold search_id.
        rows = self.query(
            "SELECT t.relname, i.relname, "
            "  EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid "
            "          AND a.attname = 'search_id' AND a.attnum = ANY (x.indkey)) "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = 'public' AND x.indisunique")
        search = set(self.search_tables())
        checked = 0
        for table, index, has_search_id in rows:
            if table in search:
                checked += 1
                self.assertTrue(has_search_id, f"unique index {index} on {table} lacks search_id")
        self.assertGreater(checked, len(search))

    def test_foreign_keys_between_search_tables_carry_search_id(self):
        rows = self.query(
            "SELECT c.conname, c.conrelid::regclass::text, c.confrelid::regclass::text, "
            "  ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) "
            "        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n "
            "        ORDER BY k.i), "
            "  ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) "
            "        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n "
            "        ORDER BY k.i) "
            "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE n.nspname = 'public' AND c.contype = 'f'")
        search = set(self.search_tables())
        self.assertGreater(len(rows), 20)
        for name, child, parent, child_cols, parent_cols in rows:
            if child in REFERENCE_TABLES:
                self.assertIn(parent, REFERENCE_TABLES,
                              f"reference table {child} points into search table {parent} ({name})")
                continue
            if parent not in search:
                continue  # search table -> reference table: allowed by Citus
            self.assertIn("search_id", child_cols, f"{name}: {child}{child_cols} -> {parent}")
            i = child_cols.index("search_id")
            self.assertEqual(parent_cols[i], "search_id",
                             f"{name}: {child}.search_id must map to {parent}.search_id")

    def test_row_level_security_is_enabled_and_forced_on_every_search_table(self):
        for t in self.search_tables():
            (enabled, forced), = self.query(
                "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                "WHERE oid = %s::regclass", (t,))
            self.assertTrue(enabled and forced, f"{t}: row-level security enabled={enabled} "
                            f"forced={forced}")
            policies = self.query("SELECT count(*) FROM pg_policies WHERE tablename = %s", (t,))
            self.assertEqual(policies[0][0], 1, f"{t} needs exactly its one_search policy")

    def test_the_app_role_owns_nothing(self):
        owned = self.query("SELECT tablename FROM pg_tables WHERE tableowner = 'keel_rules_app'")
        self.assertEqual(owned, [])

    def test_every_search_table_is_seeded(self):
        self.cur.execute("SET ROLE keel_rules_owner")
        for s in (1, 2):
            in_search(self.cur, s)
            for t in self.search_tables():
                n = self.query(f"SELECT count(*) FROM {t} WHERE search_id = %s", (s,))[0][0]
                self.assertGreater(n, 0, f"no row of {t} for search {s}: add one to SEED")
            self.conn.rollback()
            self.cur.execute("SET ROLE keel_rules_owner")

    def test_the_app_sees_only_the_current_search(self):
        for s in (1, 2):
            self.cur.execute("SET ROLE keel_rules_app")
            in_search(self.cur, s)
            for t in self.search_tables():
                rows = self.query(f"SELECT search_id FROM {t}")
                self.assertTrue(rows, f"{t}: keel_rules_app sees no row of its own search {s}")
                self.assertEqual({r[0] for r in rows}, {s}, f"{t}: rows of another search seen")
            self.conn.rollback()

    def test_no_search_set_sees_nothing(self):
        self.cur.execute("SET ROLE keel_rules_app")
        for t in self.search_tables():
            self.assertEqual(self.query(f"SELECT * FROM {t}"), [], f"{t} visible with no search")

    def test_the_search_setting_ends_with_its_transaction(self):
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 1)
        self.assertTrue(self.query("SELECT * FROM asks"))
        self.conn.commit()
        self.cur.execute("SET ROLE keel_rules_app")
        self.assertEqual(self.query("SELECT * FROM asks"), [])

    def test_the_app_cannot_write_into_another_search(self):
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 1)
        with self.assertRaises(psycopg2.errors.InsufficientPrivilege):
            self.cur.execute("INSERT INTO organizations (search_id, id, name) VALUES (2, 99, 'X')")
        self.conn.rollback()
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 1)
        self.cur.execute("UPDATE asks SET note = 'moved' WHERE search_id = 2")
        self.assertEqual(self.cur.rowcount, 0)
        self.cur.execute("DELETE FROM asks WHERE search_id = 2")
        self.assertEqual(self.cur.rowcount, 0)

    def test_names_are_unique_case_insensitively_in_ascii_like_sqlite_nocase(self):
        self.cur.execute("SET ROLE keel_rules_owner")
        in_search(self.cur, 1)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.cur.execute("INSERT INTO organizations (search_id, id, name) VALUES (1, 7, 'ACME')")
        self.conn.rollback()
        self.cur.execute("SET ROLE keel_rules_owner")
        in_search(self.cur, 1)
        # NOCASE folds ASCII only: "É" and "é" are two names on SQLite, so they are here too.
        self.cur.execute("INSERT INTO organizations (search_id, id, name) VALUES (1, 8, 'École')")
        self.cur.execute("INSERT INTO organizations (search_id, id, name) VALUES (1, 9, 'éCOLE')")

    def new_ids(self, table, columns, values, count, search=1):
        ids = []
        for _ in range(count):
            self.cur.execute(f"INSERT INTO {table} (search_id, {columns}) VALUES (%s, {values}) "
                             "RETURNING id", (search,))
            ids.append(self.cur.fetchone()[0])
        return ids

    def test_ids_are_numbered_per_search_as_sqlite_numbers_rowids(self):
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 1)
        # A plain table: the largest id + 1, so the id of a deleted last row comes back.
        self.assertEqual(self.new_ids("actions", "text, theme, started_on",
                                      "'call Ana', 'other', '2026-11-12'", 2), [2, 3])
        self.cur.execute("DELETE FROM actions WHERE id = 3")
        self.assertEqual(self.new_ids("actions", "text, theme, started_on",
                                      "'call Bo', 'other', '2026-11-12'", 1), [3])
        # An AUTOINCREMENT table: never an id used before, even after a delete.
        self.assertEqual(self.new_ids("organizations", "name", "'Org ' || random()", 2), [2, 3])
        self.cur.execute("DELETE FROM organizations WHERE id = 3")
        self.assertEqual(self.new_ids("organizations", "name", "'Org ' || random()", 1), [4])
        # An explicit id (undo restoring a row) moves the mark, as it moves sqlite_sequence.
        self.cur.execute("INSERT INTO organizations (search_id, id, name) VALUES (1, 10, 'Ten')")
        self.assertEqual(self.new_ids("organizations", "name", "'Org ' || random()", 1), [11])
        self.conn.commit()
        # The other search numbers its own rows.
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 2)
        self.assertEqual(self.new_ids("organizations", "name", "'Org ' || random()", 1, 2), [2])
        self.assertEqual(self.new_ids("actions", "text, theme, started_on",
                                      "'call Cy', 'other', '2026-11-12'", 1, 2), [2])
        self.conn.rollback()
        self.cur.execute("SET ROLE keel_rules_owner")
        in_search(self.cur, 1)
        self.cur.execute("DELETE FROM organizations WHERE id > 1")
        self.cur.execute("DELETE FROM actions WHERE id > 1")
        # The deletes raised the mark (schema 9 keeps it on delete): back to the seed's.
        self.cur.execute("UPDATE id_high_water SET last_id = 1 WHERE tbl = 'organizations'")
        self.conn.commit()

    def test_a_row_written_without_a_search_goes_into_the_current_one(self):
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 2)
        self.cur.execute("INSERT INTO material_versions (material_id, version) VALUES (1, 'v9') "
                         "RETURNING search_id, id")
        self.assertEqual(self.cur.fetchone(), (2, 2))
        self.conn.rollback()

    def test_search_words_are_indexed_for_full_text_search(self):
        self.cur.execute("SET ROLE keel_rules_app")
        in_search(self.cur, 1)
        rows = self.query("SELECT id FROM asks WHERE to_tsvector('simple', reason || ' ' || note) @@ "
            "plainto_tsquery('simple', 'hired')")
        self.assertEqual(rows, [(1,)])
        rows = self.query(
            "SELECT id FROM postings WHERE to_tsvector('simple', description || ' ' || note) @@ "
            "plainto_tsquery('simple', 'dashboards')")
        self.assertEqual(rows, [(1,)])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
