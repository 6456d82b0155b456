-- An account's contacts with the touches the caller may see: how many of the caller's reps'
-- touches reached the contact (rep_contacts, one index entry per contact and rep) and when the
-- last one was (the contact's interactions newest first, stopping at the first a visible rep
-- took part in), instead of counting every interaction in the contact's history.
select c.email, c.name, x.n, l.last from contacts c
cross join lateral (
    select sum(r.touches) as n from rep_contacts r
    where r.org_id = c.org_id and r.email = c.email and r.touches > 0
      and (cast(:visible as uuid[]) is null or r.user_id = any(:visible))) x
cross join lateral (
    select ic.occurred_at as last from interaction_contacts ic
    where ic.org_id = c.org_id and ic.email = c.email
      and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
           where r.org_id = ic.org_id and r.interaction_id = ic.interaction_id
             and r.user_id = any(:visible)))
    order by ic.occurred_at desc limit 1) l
where c.org_id = :org and c.account_domain = :domain and x.n > 0
order by x.n desc, c.email limit :limit
