-- Seeds one org with :n interactions for :reps reps (teams of 20, one manager each) and
-- :accounts accounts, straight into the tables the capture path writes (interactions, links,
-- contacts, rep_touches, account_touches; not interaction_keys, as no seeded event is captured
-- again), then builds the rollups from them with the same SQL definition of customer time
-- (touch_facts). About 1 in 20 accounts went quiet 45+ days ago.
-- DashboardBench drops the big tables' indexes and foreign keys before this script and builds
-- them again after it (one sort per index instead of 10 million random index inserts).
-- Statements are separated by lines holding only ";;". A statement with a line "-- chunked"
-- runs once per million seeds, with :lo and :hi bounding bench_seed.n, so progress shows.
set synchronous_commit = off
;;
set work_mem = '256MB'
;;
insert into users (org_id, id, email, name, role)
select :org, gen_random_uuid(), 'rep' || g || '@bench.test', 'Rep ' || g, 'rep' from generate_series(0, :reps - 1) g
;;
insert into users (org_id, id, email, name, role)
select :org, gen_random_uuid(), 'manager' || g || '@bench.test', 'Manager ' || g, 'manager'
from generate_series(0, (:reps - 1) / 20) g
;;
insert into teams (org_id, name) select :org, 'Team ' || g from generate_series(0, (:reps - 1) / 20) g
;;
insert into team_members (org_id, team_id, user_id, role)
select :org, t.id, u.id, 'manager' from teams t join users u on u.org_id = t.org_id
 and u.email = 'manager' || substring(t.name from 6) || '@bench.test' where t.org_id = :org
;;
insert into team_members (org_id, team_id, user_id, role)
select :org, t.id, u.id, 'rep' from users u join teams t on t.org_id = u.org_id
 and t.name = 'Team ' || (substring(u.email from 4 for position('@' in u.email) - 4)::int / 20)
where u.org_id = :org and u.role = 'rep' and u.email like '%@bench.test'
;;
create unlogged table bench_reps as
select (substring(email from 4 for position('@' in email) - 4))::int as n, id from users
where org_id = :org and role = 'rep' and email like '%@bench.test'
;;
create unique index on bench_reps (n)
;;
analyze bench_reps
;;
insert into accounts (org_id, domain) select :org, 'account' || g || '.com' from generate_series(1, :accounts) g
;;
insert into contacts (org_id, email, name, account_domain)
select :org, 'c' || k || '@account' || g || '.com', 'Contact ' || k || ' of ' || g, 'account' || g || '.com'
from generate_series(1, :accounts) g, generate_series(1, 2) k
;;
create unlogged table bench_seed (n bigint, id uuid, rep_n int, rep_id uuid, account_n int, kind text, r float8,
                                  occurred_at timestamptz, ends_at timestamptz, status text, response text, direction text,
                                  counted boolean, minutes integer)
;;
-- chunked
insert into bench_seed
select s.n, s.id, s.rep_n, r.id, s.account_n, s.kind, s.r, s.occurred_at, s.ends_at, s.status, s.response,
       case when s.kind = 'meeting' then 'organizer' when s.r < 0.6 then 'outbound' else 'inbound' end,
       f.counted, f.minutes
from (select y.*,
             case when y.kind = 'meeting' then y.occurred_at + interval '30 minutes' * (1 + y.n % 3) end as ends_at,
             case when y.kind = 'meeting' then case when y.r < 0.05 then 'cancelled' else 'confirmed' end end as status,
             case when y.kind = 'meeting' and y.r between 0.05 and 0.10 then 'declined' end as response
      from (select x.*,
             case when x.account_n % 20 = 0
                  then now() - (45 + x.t * (:days - 45)) * interval '1 day'
                  else now() - x.t * :days * interval '1 day' + case when x.r < 0.02 then interval '20 days' else interval '0' end
             end as occurred_at
      from (select g as n, gen_random_uuid() as id, (g % :reps)::int as rep_n,
                   1 + floor(:accounts * power(random(), 1.6))::int as account_n,
                   case when random() < 0.85 then 'email' else 'meeting' end as kind,
                   random() as r, random() as t
            from generate_series(:lo, :hi) g) x) y) s
join bench_reps r on r.n = s.rep_n
-- THE definition of what a touch counts, as refresh_touches applies it.
cross join lateral touch_facts(s.kind, s.status, s.occurred_at, s.ends_at, s.response, false) f
;;
-- chunked
insert into interactions (org_id, id, kind, source, occurred_at, ends_at, subject, thread_id, status, participants)
select :org, s.id, s.kind, case s.kind when 'email' then 'gmail' else 'google-calendar' end, s.occurred_at, s.ends_at,
       'Subject ' || s.n || ' about account ' || s.account_n, null, s.status,
       jsonb_build_array(jsonb_build_object('email', 'c' || (1 + s.n % 2) || '@account' || s.account_n || '.com',
                                            'name', 'Contact', 'role', 'to', 'external', true))
from bench_seed s where s.n between :lo and :hi
;;
-- chunked
insert into interaction_links (org_id, interaction_id, user_id, direction, response)
select :org, s.id, s.rep_id, s.direction, case when s.kind = 'meeting' then coalesce(s.response, 'accepted') end
from bench_seed s where s.n between :lo and :hi
;;
-- chunked
insert into interaction_contacts (org_id, interaction_id, email, account_domain, occurred_at)
select :org, s.id, 'c' || (1 + s.n % 2) || '@account' || s.account_n || '.com', 'account' || s.account_n || '.com', s.occurred_at
from bench_seed s where s.n between :lo and :hi
;;
-- chunked
insert into rep_touches (org_id, interaction_id, user_id, occurred_at, kind, direction, counted, minutes, accounts, contacts)
select :org, s.id, s.rep_id, s.occurred_at, s.kind, s.direction, s.counted, s.minutes, array['account' || s.account_n || '.com'],
       array['c' || (1 + s.n % 2) || '@account' || s.account_n || '.com']
from bench_seed s
where s.n between :lo and :hi
;;
-- chunked
insert into account_touches (org_id, interaction_id, account_domain, occurred_at, kind, counted)
select :org, s.id, 'account' || s.account_n || '.com', s.occurred_at, s.kind, s.counted
from bench_seed s
where s.n between :lo and :hi
;;
drop table bench_seed
;;
drop table bench_reps
;;
-- The rollups, from rep_touches and account_touches as refresh_touches builds them.
insert into rep_days (org_id, user_id, day, emails_out, emails_in, meetings, meeting_minutes)
select :org, user_id, touch_day(occurred_at),
       count(*) filter (where kind = 'email' and direction = 'outbound'),
       count(*) filter (where kind = 'email' and direction = 'inbound'),
       count(*) filter (where kind = 'meeting' and counted), coalesce(sum(minutes), 0)
from rep_touches where org_id = :org group by 2, 3
;;
insert into rep_account_days (org_id, account_domain, user_id, day, touches)
select :org, acc, user_id, touch_day(occurred_at), count(*) from rep_touches cross join unnest(accounts) as acc
where org_id = :org and counted group by 2, 3, 4
;;
insert into rep_accounts (org_id, account_domain, user_id, touches)
select :org, account_domain, user_id, sum(touches) from rep_account_days where org_id = :org group by 2, 3
;;
insert into rep_day_accounts (org_id, user_id, day, accounts)
select :org, user_id, day, array_agg(account_domain order by account_domain)
from rep_account_days where org_id = :org and touches > 0 group by 2, 3 order by 2, 3
;;
insert into rep_contacts (org_id, email, user_id, touches)
select :org, c, user_id, count(*) from rep_touches cross join unnest(contacts) as c where org_id = :org group by 2, 3
;;
insert into account_days (org_id, account_domain, day, emails, meetings)
select :org, account_domain, touch_day(occurred_at), count(*) filter (where kind = 'email' and counted),
       count(*) filter (where kind = 'meeting' and counted)
from account_touches where org_id = :org group by 2, 3
;;
insert into account_activity (org_id, account_domain, last_day)
select :org, account_domain, max(day) from account_days where org_id = :org and emails + meetings > 0 group by 2
