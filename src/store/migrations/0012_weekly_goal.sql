-- keel schema 12: the weekly goal (`keel goal --asks-per-week N`), a goal about effort: how many
-- asks the seeker means to make each ISO week (Monday to Sunday, local dates). Every change is a
-- new row, never an update: the goal in force for a week is the latest row set on or before
-- that week's last day, so raising the goal today does not re-judge last month's weeks, and
-- weeks before the first row are not judged at all. asks_per_week NULL records `keel goal
-- --clear`. Rows are journaled like every write, so `keel undo` takes a change back.
CREATE TABLE weekly_goals (
  id            INTEGER PRIMARY KEY,
  search_id     INTEGER NOT NULL REFERENCES searches (id),
  set_on        TEXT NOT NULL,
  asks_per_week INTEGER CHECK (asks_per_week IS NULL OR (asks_per_week >= 1 AND asks_per_week <= 500)),
  made_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX weekly_goals_by_search ON weekly_goals (search_id, set_on, id);
