-- The dashboard's slow parts at ten million interactions (scripts/bench dashboard).
--
-- rep_day_accounts: per rep and day, the accounts the rep's counted touches reached that day
-- (an array, in order). Distinct accounts over a range of days (team overview, rep page) then
-- read one row per rep-day instead of one index entry per rep, account and day (some 2,400 per
-- rep over 90 days). It is derived from rep_account_days: refresh_touches rewrites a rep-day's
-- row from there whenever that rep-day changed, so it stays exact.
create table rep_day_accounts (
    org_id   uuid not null,
    user_id  uuid not null,
    day      date not null,
    accounts text[] not null,
    primary key (org_id, user_id, day)
);

-- Existing data (the upgrade path): in key order, so one rep's days lie on neighbouring pages.
insert into rep_day_accounts (org_id, user_id, day, accounts)
select org_id, user_id, day, array_agg(account_domain order by account_domain)
from rep_account_days where touches > 0
group by org_id, user_id, day
order by org_id, user_id, day;

-- Statistics at once, so the dashboard's plans use the new table before autovacuum comes by.
analyze rep_day_accounts;

-- refresh_touches as in V40, plus rep_day_accounts.
create or replace function refresh_touches(p_org uuid, p_ids uuid[], p_occurred timestamptz[]) returns void
language plpgsql as $$
declare
    v_users uuid[];
    v_accounts text[];
    v_pair_users uuid[];
    v_pair_days date[];
begin
    with n as (
        select i.id as interaction_id, l.user_id, i.occurred_at, i.kind, l.direction, f.counted, f.minutes,
               coalesce(a.accounts, '{}') as accounts, coalesce(a.contacts, '{}') as contacts
        from unnest(p_ids, p_occurred) as k(id, occurred_at)
        join interactions i on i.org_id = p_org and i.occurred_at = k.occurred_at and i.id = k.id
        join interaction_links l on l.org_id = p_org and l.interaction_id = i.id
        join users u on u.org_id = p_org and u.id = l.user_id
        left join lateral (select array_agg(distinct ic.account_domain order by ic.account_domain)
                                      filter (where ic.account_domain is not null) as accounts,
                                  array_agg(distinct ic.email order by ic.email) as contacts
                           from interaction_contacts ic
                           where ic.org_id = p_org and ic.interaction_id = i.id) a on true
        -- The rep's own answer as the meeting's capture recorded it on their link, else as the
        -- attendee list shows it.
        cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                       coalesce(nullif(l.response, 'none'), rep_meeting_response(i.participants, u.email)),
                                       i.all_day) f
    ), o as (
        select * from rep_touches where org_id = p_org and interaction_id = any(p_ids)
    ), put as (
        insert into rep_touches as t (org_id, interaction_id, user_id, occurred_at, kind, direction, counted, minutes, accounts,
                                      contacts)
        select p_org, n.interaction_id, n.user_id, n.occurred_at, n.kind, n.direction, n.counted, n.minutes, n.accounts,
               n.contacts
        from n order by n.interaction_id, n.user_id
        on conflict (org_id, interaction_id, user_id) do update
        set occurred_at = excluded.occurred_at, kind = excluded.kind, direction = excluded.direction,
            counted = excluded.counted, minutes = excluded.minutes, accounts = excluded.accounts,
            contacts = excluded.contacts
    ), gone as (
        delete from rep_touches t using o
        where t.org_id = p_org and t.interaction_id = o.interaction_id and t.user_id = o.user_id
          and not exists (select 1 from n where n.interaction_id = o.interaction_id and n.user_id = o.user_id)
    ), signed as (
        select 1 as s, n.user_id, touch_day(n.occurred_at) as day, n.kind, n.direction, n.counted, n.minutes, n.accounts,
               n.contacts from n
        union all
        select -1, o.user_id, touch_day(o.occurred_at), o.kind, o.direction, o.counted, o.minutes, o.accounts, o.contacts
        from o
    ), days as (
        insert into rep_days as r (org_id, user_id, day, emails_out, emails_in, meetings, meeting_minutes)
        select p_org, user_id, day,
               coalesce(sum(s) filter (where kind = 'email' and direction = 'outbound'), 0),
               coalesce(sum(s) filter (where kind = 'email' and direction = 'inbound'), 0),
               coalesce(sum(s) filter (where kind = 'meeting' and counted), 0),
               coalesce(sum(s * minutes), 0)
        from signed group by user_id, day order by user_id, day
        on conflict (org_id, user_id, day) do update
        set emails_out = r.emails_out + excluded.emails_out,
            emails_in = r.emails_in + excluded.emails_in,
            meetings = r.meetings + excluded.meetings,
            meeting_minutes = r.meeting_minutes + excluded.meeting_minutes
    ), rep_accounts as (
        insert into rep_account_days as r (org_id, account_domain, user_id, day, touches)
        select p_org, acc, user_id, day, sum(s)
        from signed cross join unnest(accounts) as acc
        where counted
        group by acc, user_id, day having sum(s) <> 0 order by acc, user_id, day
        on conflict (org_id, account_domain, user_id, day) do update set touches = r.touches + excluded.touches
    ), rep_account_totals as (
        insert into rep_accounts as r (org_id, account_domain, user_id, touches)
        select p_org, acc, user_id, sum(s)
        from signed cross join unnest(accounts) as acc
        where counted
        group by acc, user_id having sum(s) <> 0 order by acc, user_id
        on conflict (org_id, account_domain, user_id) do update set touches = r.touches + excluded.touches
    ), rep_contact_totals as (
        insert into rep_contacts as r (org_id, email, user_id, touches)
        select p_org, c, user_id, sum(s)
        from signed cross join unnest(contacts) as c
        group by c, user_id having sum(s) <> 0 order by c, user_id
        on conflict (org_id, email, user_id) do update set touches = r.touches + excluded.touches
    )
    select (select array_agg(distinct user_id) from signed), array_agg(p.user_id), array_agg(p.day)
    into v_users, v_pair_users, v_pair_days
    from (select distinct user_id, day from signed where counted and cardinality(accounts) > 0) p;

    -- rep_day_accounts: each changed rep-day's accounts, read back from rep_account_days as they
    -- now are (this statement sees the one above), so the arrays always equal its rows.
    if v_pair_users is not null then
        insert into rep_day_accounts as r (org_id, user_id, day, accounts)
        select p_org, k.user_id, k.day, coalesce(x.accounts, '{}')
        from unnest(v_pair_users, v_pair_days) as k(user_id, day)
        left join lateral (select array_agg(d.account_domain order by d.account_domain) as accounts
                           from rep_account_days d
                           where d.org_id = p_org and d.user_id = k.user_id and d.day = k.day and d.touches > 0) x on true
        order by k.user_id, k.day
        on conflict (org_id, user_id, day) do update set accounts = excluded.accounts;
    end if;

    -- An account was touched when at least one rep's touch counted (rep_touches, just refreshed).
    with n as (
        select i.id as interaction_id, ic.account_domain, i.occurred_at, i.kind,
               exists (select 1 from rep_touches r
                       where r.org_id = p_org and r.interaction_id = i.id and r.counted) as counted
        from unnest(p_ids, p_occurred) as k(id, occurred_at)
        join interactions i on i.org_id = p_org and i.occurred_at = k.occurred_at and i.id = k.id
        join (select distinct interaction_id, account_domain from interaction_contacts
              where org_id = p_org and interaction_id = any(p_ids) and account_domain is not null) ic
          on ic.interaction_id = i.id
    ), o as (
        select * from account_touches where org_id = p_org and interaction_id = any(p_ids)
    ), put as (
        insert into account_touches as t (org_id, interaction_id, account_domain, occurred_at, kind, counted)
        select p_org, interaction_id, account_domain, occurred_at, kind, counted from n
        order by interaction_id, account_domain
        on conflict (org_id, interaction_id, account_domain) do update
        set occurred_at = excluded.occurred_at, kind = excluded.kind, counted = excluded.counted
    ), gone as (
        delete from account_touches t using o
        where t.org_id = p_org and t.interaction_id = o.interaction_id and t.account_domain = o.account_domain
          and not exists (select 1 from n where n.interaction_id = o.interaction_id and n.account_domain = o.account_domain)
    ), signed as (
        select 1 as s, account_domain, touch_day(occurred_at) as day, kind, counted from n
        union all
        select -1, account_domain, touch_day(occurred_at), kind, counted from o
    ), days as (
        insert into account_days as r (org_id, account_domain, day, emails, meetings)
        select p_org, account_domain, day,
               coalesce(sum(s) filter (where kind = 'email' and counted), 0),
               coalesce(sum(s) filter (where kind = 'meeting' and counted), 0)
        from signed group by account_domain, day order by account_domain, day
        on conflict (org_id, account_domain, day) do update
        set emails = r.emails + excluded.emails, meetings = r.meetings + excluded.meetings
    )
    select array_agg(distinct account_domain order by account_domain) into v_accounts from signed;

    if v_accounts is not null then
        insert into account_activity as a (org_id, account_domain, last_day)
        select p_org, acc, (select max(d.day) from account_days d
                            where d.org_id = p_org and d.account_domain = acc and d.emails + d.meetings > 0)
        from unnest(v_accounts) as acc order by acc
        on conflict (org_id, account_domain) do update set last_day = excluded.last_day;
    end if;

    -- Open dashboards of managers who see these reps refresh themselves (web/LiveUpdates).
    if v_users is not null then
        perform pg_notify('quietlog_touches', p_org::text || case when cardinality(v_users) <= 100
                                                              then ' ' || array_to_string(v_users, ' ') else '' end);
    end if;
end
$$;

