-- Weekly sums (weeks start on Monday) for a set of reps over a range of days.
select date_trunc('week', day)::date as week, sum(emails_out), sum(emails_in), sum(meetings), sum(meeting_minutes)
from rep_days
where org_id = :org and user_id = any(cast(:reps as uuid[])) and day between :from and :to
group by 1 order by 1
