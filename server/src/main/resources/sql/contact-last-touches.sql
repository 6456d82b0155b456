-- The latest visible interactions with one contact, each with the reps who captured it.
select i.id, i.kind, i.subject, i.occurred_at, i.ends_at, i.status,
       coalesce((select jsonb_agg(jsonb_build_object('email', u.email, 'name', u.name, 'direction', l.direction)
                                  order by u.email)
                 from interaction_links l
                 join users u on u.org_id = l.org_id and u.id = l.user_id
                 where l.org_id = i.org_id and l.interaction_id = i.id), '[]'::jsonb) as reps
from interaction_contacts ic
join interactions i on i.org_id = ic.org_id and i.occurred_at = ic.occurred_at and i.id = ic.interaction_id
where ic.org_id = :org
  and ic.email = :email
  and (cast(:onlyUser as uuid) is null or exists (
        select 1 from interaction_links l
        where l.org_id = ic.org_id and l.interaction_id = ic.interaction_id and l.user_id = :onlyUser))
order by ic.occurred_at desc
limit :limit
