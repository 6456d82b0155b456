-- The newest interactions of an org, each with the reps who captured it (and, on a meeting,
-- each one's own response) and the caller's own response.
-- :visible lists the reps whose interactions the caller may see (null: the whole org), see Visibility.
select i.id, i.kind, i.source, i.occurred_at, i.ends_at, i.subject, i.snippet, i.participants, i.status,
       i.ical_uid, i.recurrence_id, i.all_day, i.time_zone,
       (select l.response from interaction_links l
        where l.org_id = i.org_id and l.interaction_id = i.id and l.user_id = :me) as my_response,
       interaction_reps(i.org_id, i.id) as reps
from interactions i
where i.org_id = :org
  and (cast(:visible as uuid[]) is null or exists (
        select 1 from interaction_links l
        where l.org_id = i.org_id and l.interaction_id = i.id and l.user_id = any(:visible)))
order by i.occurred_at desc, i.id
limit :limit
