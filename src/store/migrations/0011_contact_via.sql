-- keel schema 11: who introduced or referred. `keel ask ORG --to ANA --via BOB` records that Bob
-- made the ask possible (an introduction or a referral): via_contact_id is Bob's contacts row,
-- NULL when nobody did. It lives on the ask, not on the contact, because the same person can
-- be introduced to you by different people over a search, and "whom did Bob introduce" is then
-- the asks that name him here. Adding a nullable column keeps every existing ask as it was.
ALTER TABLE asks ADD COLUMN via_contact_id INTEGER REFERENCES contacts (id);
CREATE INDEX asks_by_via ON asks (via_contact_id) WHERE via_contact_id IS NOT NULL;
