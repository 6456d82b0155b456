-- Accounts gone cold: last touched (org-wide, scheduled meetings included) inside the prior
-- period, so none since; with at least :min touches there by the reps the caller may see.
-- Candidates come from the account_activity index on last_day. An admin's counts are each
-- candidate's days in account_days (one index range per candidate; per-account running totals,
-- two entries per candidate, measured no faster: the cost is the lookup, not the entries). A
-- manager's come from their own reps' days in the prior period (rep_account_days_by_rep, one
-- range per rep) matched against the candidates, so the work follows the team, not the org.
with candidates as (
    select account_domain, last_day from account_activity
    where org_id = :org and last_day between :priorFrom and :priorTo
), counted as materialized (
    select c.account_domain, c.last_day,
           (select sum(d.emails + d.meetings) from account_days d
            where d.org_id = :org and d.account_domain = c.account_domain
              and d.day between :priorFrom and :priorTo) as touches
    from candidates c
    where cast(:visible as uuid[]) is null
    union all
    select c.account_domain, c.last_day, t.touches
    from (select x.account_domain, sum(x.touches) as touches from rep_account_days x
          where x.org_id = :org and x.user_id = any(:visible) and x.day between :priorFrom and :priorTo
          group by x.account_domain) t
    join candidates c on c.account_domain = t.account_domain
    where cast(:visible as uuid[]) is not null
), cold as (
    select * from counted where touches >= :min
    order by touches desc, account_domain limit :limit
)
select cold.account_domain, cold.touches, cold.last_day, best.name, best.email
from cold
-- Who knows it best: all of its touches are up to priorTo (it has none since), so the all-time
-- per-rep totals (rep_accounts, highest first) answer it from the index.
left join lateral (
    select u.name, u.email from rep_accounts x join users u on u.org_id = x.org_id and u.id = x.user_id
    where x.org_id = :org and x.account_domain = cold.account_domain and x.touches > 0
      -- A filter, not an index condition: the index is read in its order (most touches first)
      -- and stops at the first of the caller's reps, instead of one search per rep.
      and (cast(:visible as uuid[]) is null or array_position(cast(:visible as uuid[]), x.user_id) is not null)
    order by x.touches desc, x.user_id limit 1) best on true
order by cold.touches desc, cold.account_domain
