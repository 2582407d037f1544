-- keel schema 8: follow-ups the seeker schedules. A follow-up dated after the day it is recorded
-- (`keel follow-up ID --on 2026-12-05`, or the page's follow-up form with a later date) is a plan:
-- planned = 1, dated the day to follow up. It shows in the agenda (and its .ics) as upcoming, and
-- as due from its day on. Recording the follow-up itself turns the ask's earliest plan into a done
-- follow-up (planned = 0) dated the day it was made, so a plan never lingers once kept. Everything
-- else (status's count, the CSV export, the "last contact" the agenda's own rule reads) counts
-- done follow-ups only.
ALTER TABLE follow_ups ADD COLUMN planned INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1));
