-- How many of an account's contacts the caller may see: all of them for the whole org, else
-- those in interactions one of the visible reps (:visible, see Visibility) is linked to.
select count(*)
from contacts c
where c.org_id = :org
  and c.account_domain = :domain
  and (cast(:visible as uuid[]) is null or exists (
        select 1 from interaction_contacts ic
        join interaction_links l on l.org_id = ic.org_id and l.interaction_id = ic.interaction_id
        where ic.org_id = c.org_id and ic.email = c.email and l.user_id = any(:visible)))
