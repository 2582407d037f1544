-- keel schema 5: 'withdrawn', the seeker's own decision to pull out of an ask (neither a no nor a
-- silence; outside every rate). Its date is kept in replied_on: the day the ask ended.
-- keel:foreign-keys-off
--
-- SQLite cannot alter a CHECK constraint, so asks is rebuilt by the procedure of
-- https://www.sqlite.org/lang_altertable.html#otheralter: create new_asks, copy, drop asks, rename
-- new_asks to asks, recreate the indexes. The marker line above makes Migrate() turn foreign keys
-- off around this transaction (with them on, DROP TABLE asks would first delete every ask and
-- cascade to follow-ups, materials, feedback and pivots) and run PRAGMA foreign_key_check before
-- it commits. Renaming the *new* table keeps the other tables' "REFERENCES asks" as they are.

CREATE TABLE new_asks (
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
                    OR outcome = 'not-yet' OR outcome = 'silent' OR outcome = 'withdrawn'),
  replied_on      TEXT CHECK (replied_on IS NULL OR replied_on >= asked_on),
  until_on        TEXT CHECK (until_on IS NULL OR outcome = 'not-yet'),
  reason          TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  reason_theme    TEXT,
  industry        TEXT NOT NULL DEFAULT '',
  location        TEXT NOT NULL DEFAULT '',
  seniority       TEXT NOT NULL DEFAULT '',
  remote          TEXT NOT NULL DEFAULT ''
                    CHECK (remote = '' OR remote = 'remote' OR remote = 'hybrid' OR remote = 'onsite'),
  salary          INTEGER CHECK (salary IS NULL OR salary >= 0)
);

INSERT INTO new_asks (id, search_id, asked_on, organization_id, contact_id, opportunity_id, kind,
                      channel, outcome, replied_on, until_on, reason, note, reason_theme, industry,
                      location, seniority, remote, salary)
  SELECT id, search_id, asked_on, organization_id, contact_id, opportunity_id, kind, channel,
         outcome, replied_on, until_on, reason, note, reason_theme, industry, location, seniority,
         remote, salary
  FROM asks;

DROP TABLE asks;
ALTER TABLE new_asks RENAME TO asks;

-- Every index asks had (0001, 0002, 0004); asks has no triggers or views.
CREATE INDEX asks_by_search_date ON asks (search_id, asked_on);
CREATE INDEX asks_by_until ON asks (search_id, until_on) WHERE until_on IS NOT NULL;
CREATE INDEX asks_pending_by_date ON asks (search_id, asked_on, outcome) WHERE outcome = 'pending';
