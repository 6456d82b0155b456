-- The latest visible interactions with one contact, each with the reps who captured it.
select i.id, i.kind, i.subject, i.occurred_at, i.ends_at, i.status,
       interaction_reps(i.org_id, i.id) as reps
from interaction_contacts ic
join interactions i on i.org_id = ic.org_id and i.occurred_at = ic.occurred_at and i.id = ic.interaction_id
where ic.org_id = :org
  and ic.email = :email
  and (cast(:visible as uuid[]) is null or exists (
        select 1 from interaction_links l
        where l.org_id = ic.org_id and l.interaction_id = ic.interaction_id and l.user_id = any(:visible)))
order by ic.occurred_at desc
limit :limit
