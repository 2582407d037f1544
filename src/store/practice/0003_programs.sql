-- Programs and enrolments (PRODUCT.md, "The coaching practice"). The built-in programs live in
-- keel itself; `programs` holds the ones a coach added (the Markdown file as given, parsed when
-- read). An enrolment is one account in one program from a start date (day 1); a seeker who fell
-- behind moves start_on. Each step the seeker marked done is a row of enrolment_steps_done.
CREATE TABLE programs (
  name     TEXT PRIMARY KEY,
  source   TEXT NOT NULL,
  added_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  added_at TEXT NOT NULL
);

CREATE TABLE enrolments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  program     TEXT NOT NULL,
  start_on    TEXT NOT NULL,
  enrolled_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  ended_at    TEXT
);
-- One running enrolment per account and program.
CREATE UNIQUE INDEX enrolments_running ON enrolments (account_id, program) WHERE ended_at IS NULL;

CREATE TABLE enrolment_steps_done (
  enrolment_id INTEGER NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  done_at      TEXT NOT NULL,
  PRIMARY KEY (enrolment_id, day)
);
