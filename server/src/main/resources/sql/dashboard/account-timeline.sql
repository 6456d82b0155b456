-- One account's touches across reps (account_touches index), limited to those a rep the caller
-- may see took part in; <when> and <order> pick the range, the last or the next touch.
select i.id, i.occurred_at, i.ends_at, i.kind, null as direction, i.status, i.subject,
       (select string_agg(coalesce(nullif(p ->> 'name', ''), p ->> 'email'), ', ')
        from jsonb_array_elements(i.participants) p where (p ->> 'external')::boolean) as with_people,
       (select string_agg(coalesce(nullif(u.name, ''), u.email), ', ' order by u.name)
        from rep_touches r join users u on u.org_id = r.org_id and u.id = r.user_id
        where r.org_id = a.org_id and r.interaction_id = a.interaction_id
          and (cast(:visible as uuid[]) is null or r.user_id = any(:visible))) as reps,
       a.account_domain as accounts
from account_touches a
join interactions i on i.org_id = a.org_id and i.occurred_at = a.occurred_at and i.id = a.interaction_id
where a.org_id = :org and a.account_domain = :domain and <when>
  and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
       where r.org_id = a.org_id and r.interaction_id = a.interaction_id and r.user_id = any(:visible)))
order by a.occurred_at <order>
limit :limit
