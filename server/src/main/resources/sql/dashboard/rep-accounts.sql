-- A rep's accounts in a range, most touched first.
select account_domain, sum(touches), max(day) from rep_account_days
where org_id = :org and user_id = :user and day between :from and :to and touches > 0
group by account_domain order by 2 desc, 1 limit :limit
