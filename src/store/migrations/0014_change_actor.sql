-- keel schema 14: who made each change. The journal keeps it beside the summary
-- (Store::SetActor), so a shared server can say which account acted; empty for the seeker at
-- their own keel.
ALTER TABLE changes ADD COLUMN made_by TEXT NOT NULL DEFAULT '';
