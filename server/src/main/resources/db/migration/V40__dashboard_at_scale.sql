-- The dashboard at ten million interactions (scripts/bench dashboard).
--
-- 1. The daily rollups' keys carry their counts (INCLUDE), so a range of days is read from the
--    index alone (an index-only scan) instead of one heap page per day: a rep's or an account's
--    days were written on different days and lie on different pages.
alter table rep_days drop constraint rep_days_pkey,
    add constraint rep_days_pkey primary key (org_id, user_id, day)
        include (emails_out, emails_in, meetings, meeting_minutes);
alter table account_days drop constraint account_days_pkey,
    add constraint account_days_pkey primary key (org_id, account_domain, day) include (emails, meetings);
alter table rep_account_days drop constraint rep_account_days_pkey,
    add constraint rep_account_days_pkey primary key (org_id, account_domain, user_id, day) include (touches);

-- 2. Per account per rep, all time: who knows an account best (cold accounts) is one index entry
--    per account instead of a sum over every day any rep touched it. Kept by refresh_touches
--    from the same signed differences as rep_account_days, so it always equals their sum.
create table rep_accounts (
    org_id         uuid not null,
    account_domain text not null,
    user_id        uuid not null,
    touches        integer not null default 0,
    primary key (org_id, account_domain, user_id)
);
create index rep_accounts_best on rep_accounts (org_id, account_domain, touches desc, user_id);

insert into rep_accounts (org_id, account_domain, user_id, touches)
select org_id, account_domain, user_id, sum(touches) from rep_account_days
group by 1, 2, 3 having sum(touches) <> 0;

-- 3. Per contact per rep: how many of the contact's interactions the rep is linked to (declined
--    and cancelled meetings too). Search lists a contact when one of the caller's reps has a row
--    here: one index entry instead of every interaction the contact ever took part in. rep_touches
--    remembers each touch's contacts (as it does its accounts) so removals take back exactly.
alter table rep_touches add column contacts text[] not null default '{}';
update rep_touches r set contacts = c.contacts
from (select org_id, interaction_id, array_agg(distinct email order by email) as contacts
      from interaction_contacts group by 1, 2) c
where c.org_id = r.org_id and c.interaction_id = r.interaction_id;

create table rep_contacts (
    org_id  uuid not null,
    email   text not null,
    user_id uuid not null,
    touches integer not null default 0,
    primary key (org_id, email, user_id)
);
insert into rep_contacts (org_id, email, user_id, touches)
select org_id, c, user_id, count(*) from rep_touches cross join unnest(contacts) as c group by 1, 2, 3;

-- 4. touch_facts, unchanged in what it says, declared as a table function: PostgreSQL then
--    inlines it into the query that calls it (as the other SQL functions here) instead of
--    running it as a separate function call per row, some 20 microseconds each.
drop function touch_facts(text, text, timestamptz, timestamptz, text, boolean);
-- THE definition of customer time for one rep and one interaction. Every email counts (its
-- minutes are the org's per-email estimate, applied when shown); a meeting counts when it was
-- not cancelled and the rep did not decline it, for its length; all-day and multi-day blocks
-- (all-day, or 12 hours or more) count as a meeting but not as hours with a customer.
create function touch_facts(p_kind text, p_status text, p_starts timestamptz, p_ends timestamptz, p_response text,
                            p_all_day boolean default false)
returns table (counted boolean, minutes integer)
language sql immutable as $$
    select c, case when c and p_kind = 'meeting' and not coalesce(p_all_day, false)
                        and p_ends > p_starts and p_ends - p_starts < interval '12 hours'
                   then round(extract(epoch from p_ends - p_starts) / 60)::integer else 0 end
    from (select p_kind = 'email'
                 or (p_status is distinct from 'cancelled' and p_response is distinct from 'declined') as c) x
$$;

-- refresh_touches as in V24, plus rep_accounts and rep_contacts.
create or replace function refresh_touches(p_org uuid, p_ids uuid[], p_occurred timestamptz[]) returns void
language plpgsql as $$
declare
    v_users uuid[];
    v_accounts text[];
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
    select array_agg(distinct user_id) into v_users from signed;

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

