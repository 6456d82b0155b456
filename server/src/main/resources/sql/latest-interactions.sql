-- The newest interactions of an org, each with the reps who captured it.
-- :onlyUser limits the feed to one rep's own interactions (null for managers and admins).
select i.id, i.kind, i.source, i.occurred_at, i.subject, i.snippet, i.participants,
       coalesce((select jsonb_agg(jsonb_build_object('email', u.email, 'name', u.name, 'direction', l.direction)
                                  order by u.email)
                 from interaction_links l
                 join users u on u.org_id = l.org_id and u.id = l.user_id
                 where l.org_id = i.org_id and l.interaction_id = i.id), '[]'::jsonb) as reps
from interactions i
where i.org_id = :org
  and (cast(:onlyUser as uuid) is null or exists (
        select 1 from interaction_links l
        where l.org_id = i.org_id and l.interaction_id = i.id and l.user_id = :onlyUser))
order by i.occurred_at desc, i.id
limit :limit
