-- Contacts whose address or name contains the text, among those the caller's reps touched
-- (rep_contacts: one index entry per contact and rep, kept by refresh_touches).
select c.email, c.name from contacts c
where c.org_id = :org and (c.email like :pattern or lower(c.name) like :pattern)
  and (cast(:visible as uuid[]) is null or exists (
       select 1 from rep_contacts x
       where x.org_id = c.org_id and x.email = c.email and x.user_id = any(:visible) and x.touches > 0))
order by c.email limit 50
