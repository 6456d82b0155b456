-- One rep's touches, newest first, from the rep_touches index; each row shows the customers by
-- display name and the accounts it touched.
select i.id, i.occurred_at, i.ends_at, i.kind, r.direction, i.status, i.subject,
       (select string_agg(coalesce(nullif(p ->> 'name', ''), p ->> 'email'), ', ')
        from jsonb_array_elements(i.participants) p where (p ->> 'external')::boolean) as with_people,
       (select coalesce(nullif(u.name, ''), u.email) from users u where u.org_id = r.org_id and u.id = r.user_id) as reps,
       array_to_string(r.accounts, ', ') as accounts
from rep_touches r
join interactions i on i.org_id = r.org_id and i.occurred_at = r.occurred_at and i.id = r.interaction_id
where r.org_id = :org and r.user_id = :user
  and r.occurred_at >= :fromTs and r.occurred_at < :toTs
  and (cast(:visible as uuid[]) is null or r.user_id = any(:visible))
order by r.occurred_at desc
limit :limit
