-- The key table also carries each interaction's time, the partition column, so that a meeting
-- being moved or cancelled is found by its primary key in one partition instead of by id in all.
alter table interaction_keys add column occurred_at timestamptz;
update interaction_keys k set occurred_at = i.occurred_at
from interactions i where i.org_id = k.org_id and i.id = k.interaction_id;
alter table interaction_keys alter column occurred_at set not null;
