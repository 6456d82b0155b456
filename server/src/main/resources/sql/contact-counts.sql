-- How often, and when, the visible interactions touched one contact (or one account).
-- :visible lists the reps whose interactions the caller may see (null: the whole org), see
-- Visibility. A cancelled meeting is still a touch (it was arranged with the contact); it is
-- counted apart as well, since it is no time spent with them.
select count(*) filter (where i.kind = 'email') as emails,
       count(*) filter (where i.kind = 'meeting') as meetings,
       count(*) filter (where i.kind = 'meeting' and i.status = 'cancelled') as cancelled_meetings,
       min(ic.occurred_at) as first_touch,
       max(ic.occurred_at) as last_touch
from interaction_contacts ic
join interactions i on i.org_id = ic.org_id and i.occurred_at = ic.occurred_at and i.id = ic.interaction_id
where ic.org_id = :org
  and <column> = :value
  and (cast(:visible as uuid[]) is null or exists (
        select 1 from interaction_links l
        where l.org_id = ic.org_id and l.interaction_id = ic.interaction_id and l.user_id = any(:visible)))
