-- An account's emails and attended meetings in a range, as far as the caller's reps took part.
select count(*) filter (where a.kind = 'email'), count(*) filter (where a.kind = 'meeting')
from account_touches a
where a.org_id = :org and a.account_domain = :domain and a.counted
  and a.occurred_at >= :fromTs and a.occurred_at < :toTs
  and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
       where r.org_id = a.org_id and r.interaction_id = a.interaction_id
         and r.user_id = any(:visible)))
