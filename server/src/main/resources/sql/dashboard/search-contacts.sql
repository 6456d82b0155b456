-- Contacts whose address or name contains the text, among those the caller's reps touched.
select c.email, c.name from contacts c
where c.org_id = :org and (c.email like :pattern or lower(c.name) like :pattern)
  and (cast(:visible as uuid[]) is null or exists (
       select 1 from interaction_contacts ic
       join rep_touches r on r.org_id = ic.org_id and r.interaction_id = ic.interaction_id
       where ic.org_id = c.org_id and ic.email = c.email and r.user_id = any(:visible)))
order by c.email limit 50
