-- keel schema 4: an index of the asks still recorded as pending, by date. Every report counts the
-- recent pending asks (those within the silence horizon); without it, each one cost a table
-- lookup to read its outcome: 96 % of a /api/stats request at 1M asks (callgrind). Partial, so
-- it holds only the pending asks and costs answered ones nothing.
-- outcome is a column too, so that counting reads the index alone (a covering index).
CREATE INDEX asks_pending_by_date ON asks (search_id, asked_on, outcome) WHERE outcome = 'pending';
