-- An account's contacts with the touches the caller may see.
select c.email, c.name, x.n, x.last from contacts c
cross join lateral (
    select count(*) as n, max(ic.occurred_at) as last from interaction_contacts ic
    where ic.org_id = c.org_id and ic.email = c.email
      and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
           where r.org_id = ic.org_id and r.interaction_id = ic.interaction_id
             and r.user_id = any(:visible)))) x
where c.org_id = :org and c.account_domain = :domain and x.n > 0
order by x.n desc, c.email limit :limit
