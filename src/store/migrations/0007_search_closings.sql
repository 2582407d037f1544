-- keel schema 7: a search can be closed with the offer the seeker accepted. At most one row per
-- search: the ask whose yes was the offer, and the day it was accepted. Closing is a change like
-- any other (journaled, so `keel undo` reopens), and `keel close --undo` deletes the row. The ask
-- cannot be deleted while it closes the search (no ON DELETE: keel refuses first, with the fix).
CREATE TABLE search_closings (
  id        INTEGER PRIMARY KEY,
  search_id INTEGER NOT NULL REFERENCES searches (id),
  ask_id    INTEGER NOT NULL REFERENCES asks (id),
  closed_on TEXT NOT NULL,
  UNIQUE (search_id)
);
