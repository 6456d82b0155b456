-- Who knows an account best: the caller's reps by touches, all history up to the range's end.
select u.id, u.name, u.email, k.touches, k.last_day from (
    select user_id, sum(touches) as touches, max(day) as last_day from rep_account_days
    where org_id = :org and account_domain = :domain and day <= :to and touches > 0
      and (cast(:visible as uuid[]) is null or user_id = any(:visible))
    group by user_id) k
join users u on u.org_id = :org and u.id = k.user_id
order by k.touches desc, k.last_day desc limit 20
