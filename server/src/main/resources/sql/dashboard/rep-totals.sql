-- Per rep over a range of days: emails out and in, attended customer meetings and their minutes
-- (rep_days), and distinct accounts touched (rep_day_accounts: one row per rep-day holding that
-- day's accounts). Two index ranges per rep, one entry per day each.
select u.id, u.name, u.email,
       coalesce(d.emails_out, 0) as emails_out, coalesce(d.emails_in, 0) as emails_in,
       coalesce(d.meetings, 0) as meetings, coalesce(d.meeting_minutes, 0) as meeting_minutes,
       coalesce(a.accounts, 0) as accounts
from unnest(cast(:reps as uuid[])) as r(id)
join users u on u.org_id = :org and u.id = r.id
left join lateral (
    select sum(emails_out) as emails_out, sum(emails_in) as emails_in, sum(meetings) as meetings,
           sum(meeting_minutes) as meeting_minutes
    from rep_days where org_id = :org and user_id = r.id and day between :from and :to) d on true
left join lateral (
    -- Distinct by hashing (count(distinct) would sort, comparing the names by collation).
    select count(*) as accounts from (
        select distinct acc from rep_day_accounts x cross join unnest(x.accounts) as acc
        where x.org_id = :org and x.user_id = r.id and x.day between :from and :to) s) a on true
order by lower(u.name), u.email
