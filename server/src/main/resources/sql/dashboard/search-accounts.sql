-- Accounts whose domain contains the text, among those the caller's reps touched (rep_accounts:
-- one index entry per account and rep, all time, instead of one per day).
select a.domain, aa.last_day from accounts a
left join account_activity aa on aa.org_id = a.org_id and aa.account_domain = a.domain
where a.org_id = :org and a.domain like :pattern
  and (cast(:visible as uuid[]) is null or exists (
       select 1 from rep_accounts x where x.org_id = a.org_id
       and x.account_domain = a.domain and x.user_id = any(:visible) and x.touches > 0))
order by a.domain limit 50
