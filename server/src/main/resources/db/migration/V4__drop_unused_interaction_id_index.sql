-- Every read and write of an interaction now goes through its full primary key
-- (org_id, occurred_at, id), found via interaction_keys or interaction_contacts; an index on
-- (org_id, id) alone only cost an extra index write per captured event.
drop index interactions_by_id;
