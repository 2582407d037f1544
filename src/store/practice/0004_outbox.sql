-- Mail as an outbox (PRODUCT.md, "Delivery"; ARCHITECTURE.md, "mail as an outbox"). A message is
-- a row written in the same transaction as the change that causes it (an enrolment queues its
-- lessons, an answer queues the seeker's notice); a delivery run (keel deliver) claims due rows,
-- sends them and records what happened. `mail_key` is unique, so a lesson or a warning is queued
-- once however often its cause is seen. The message is kept as Markdown and rendered when sent.
--
-- state: queued (waiting, or in backoff after a 4xx until next_attempt_at), sent, failed (gave up
-- after 24 h of 4xx, or its address is undeliverable), cancelled (its list was unsubscribed or
-- its enrolment ended). A queued row with claimed_until in the future is being sent by the run
-- named in claimed_by; a run that died leaves a claim that lapses.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  mail_key        TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('lesson', 'question-answered', 'question-due-soon',
                                   'digest')),
  account_id      INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  to_address      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  list            TEXT NOT NULL,
  enrolment_id    INTEGER REFERENCES enrolments (id) ON DELETE CASCADE,
  day             INTEGER NOT NULL DEFAULT 0,
  not_before      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  first_try_at    TEXT,
  next_attempt_at TEXT NOT NULL,
  claimed_by      TEXT,
  claimed_until   TEXT,
  sent_at         TEXT,
  message_id      TEXT,
  last_error      TEXT
);
CREATE INDEX outbox_queued ON outbox (state, not_before);
CREATE INDEX outbox_by_enrolment ON outbox (enrolment_id, day);

-- What a message's List-Unsubscribe stops: one account's one list ("enrolment:12", "questions"),
-- made with the list's first message; and the digests an account opts into ("reminders",
-- "roster-digest"), made when it opts in. The token is the unsubscribe link's secret;
-- unsubscribed_at set = nothing more of that list (a digest opted out of).
CREATE TABLE mail_lists (
  token           TEXT PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  list            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  unsubscribed_at TEXT,
  UNIQUE (account_id, list)
);

-- An address a relay refused permanently (5xx): no more mail is sent to it. Kept in lower case.
CREATE TABLE undeliverable_addresses (
  address TEXT PRIMARY KEY,  -- lower case
  at      TEXT NOT NULL,
  reason  TEXT NOT NULL
);
