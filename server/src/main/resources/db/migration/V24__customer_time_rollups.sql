-- Rollups for the managers' dashboard, kept current in the same transaction as each capture
-- (refresh_touches below), so no page ever scans all interactions.
--
-- rep_touches and account_touches remember what each interaction counted for each rep and each
-- account the last time it was refreshed; a refresh takes that back and adds what it counts
-- now, so moves, cancellations, declines and removed links correct the daily sums exactly.

-- What one interaction counts for one rep who captured it.
create table rep_touches (
    org_id         uuid not null,
    interaction_id uuid not null,
    user_id        uuid not null,
    occurred_at    timestamptz not null,
    kind           text not null,
    direction      text,
    counted        boolean not null,   -- an email, or a meeting the rep attended (not declined, not cancelled)
    minutes        integer not null,   -- customer-meeting minutes for this rep (0 for emails)
    accounts       text[] not null,    -- the accounts (registrable domains) of its customer participants
    primary key (org_id, interaction_id, user_id)
);
-- A rep's touches in time order: the rep page's timeline, the feed of a manager's reps.
create index rep_touches_by_rep on rep_touches (org_id, user_id, occurred_at desc);

-- What one interaction counts for one account (once, however many reps captured it).
create table account_touches (
    org_id         uuid not null,
    interaction_id uuid not null,
    account_domain text not null,
    occurred_at    timestamptz not null,
    kind           text not null,
    counted        boolean not null,   -- some rep's touch counted (an email, or a meeting attended)
    primary key (org_id, interaction_id, account_domain)
);
-- An account's timeline across reps, last and next touch.
create index account_touches_by_account on account_touches (org_id, account_domain, occurred_at desc);

-- Per rep per day (UTC): the team overview, the rep page and the trend charts.
create table rep_days (
    org_id          uuid not null,
    user_id         uuid not null,
    day             date not null,
    emails_out      integer not null default 0,
    emails_in       integer not null default 0,
    meetings        integer not null default 0,
    meeting_minutes integer not null default 0,
    primary key (org_id, user_id, day)
);

-- Per account per rep per day: distinct accounts a rep touched, and who knows an account best.
create table rep_account_days (
    org_id         uuid not null,
    account_domain text not null,
    user_id        uuid not null,
    day            date not null,
    touches        integer not null default 0,
    primary key (org_id, account_domain, user_id, day)
);
create index rep_account_days_by_rep on rep_account_days (org_id, user_id, day, account_domain) include (touches);

-- Per account per day: cold accounts and the account page's counts.
create table account_days (
    org_id         uuid not null,
    account_domain text not null,
    day            date not null,
    emails         integer not null default 0,
    meetings       integer not null default 0,
    primary key (org_id, account_domain, day)
);

-- The last day an account was touched (a scheduled meeting counts): cold-account candidates.
create table account_activity (
    org_id         uuid not null,
    account_domain text not null,
    last_day       date,
    primary key (org_id, account_domain)
);
create index account_activity_by_last_day on account_activity (org_id, last_day);

create function touch_day(p_at timestamptz) returns date
language sql immutable as $$ select (p_at at time zone 'UTC')::date $$;

-- How a rep answered a meeting invitation, as far as the server knows it.
create function rep_meeting_response(p_participants jsonb, p_rep_email text) returns text
language sql immutable as $$
    select e ->> 'response' from jsonb_array_elements(p_participants) e
    where e ->> 'email' = p_rep_email limit 1
$$;

-- THE definition of customer time for one rep and one interaction. Every email counts (its
-- minutes are the org's per-email estimate, applied when shown); a meeting counts when it was
-- not cancelled and the rep did not decline it, for its length; all-day and multi-day blocks
-- (12 hours or more) count as a meeting but not as hours with a customer.
create function touch_facts(p_kind text, p_status text, p_starts timestamptz, p_ends timestamptz, p_response text,
                            out counted boolean, out minutes integer)
language sql immutable as $$
    select c, case when c and p_kind = 'meeting' and p_ends > p_starts and p_ends - p_starts < interval '12 hours'
                   then round(extract(epoch from p_ends - p_starts) / 60)::integer else 0 end
    from (select p_kind = 'email'
                 or (p_status is distinct from 'cancelled' and p_response is distinct from 'declined') as c) x
$$;

-- Recomputes what the given interactions count (by their current rows and links) and moves the
-- rollups by the difference. Called by the capture path for every interaction it created,
-- changed or linked, and by the triggers below when links or interactions are deleted.
create function refresh_touches(p_org uuid, p_ids uuid[], p_occurred timestamptz[]) returns void
language plpgsql as $$
declare
    v_users uuid[];
    v_accounts text[];
begin
    with n as (
        select i.id as interaction_id, l.user_id, i.occurred_at, i.kind, l.direction, f.counted, f.minutes,
               coalesce(a.accounts, '{}') as accounts
        from unnest(p_ids, p_occurred) as k(id, occurred_at)
        join interactions i on i.org_id = p_org and i.occurred_at = k.occurred_at and i.id = k.id
        join interaction_links l on l.org_id = p_org and l.interaction_id = i.id
        join users u on u.org_id = p_org and u.id = l.user_id
        left join lateral (select array_agg(distinct ic.account_domain order by ic.account_domain) as accounts
                           from interaction_contacts ic
                           where ic.org_id = p_org and ic.interaction_id = i.id and ic.account_domain is not null) a on true
        cross join lateral touch_facts(i.kind, i.status, i.occurred_at, i.ends_at,
                                       rep_meeting_response(i.participants, u.email)) f
    ), o as (
        select * from rep_touches where org_id = p_org and interaction_id = any(p_ids)
    ), put as (
        insert into rep_touches as t (org_id, interaction_id, user_id, occurred_at, kind, direction, counted, minutes, accounts)
        select p_org, n.interaction_id, n.user_id, n.occurred_at, n.kind, n.direction, n.counted, n.minutes, n.accounts
        from n order by n.interaction_id, n.user_id
        on conflict (org_id, interaction_id, user_id) do update
        set occurred_at = excluded.occurred_at, kind = excluded.kind, direction = excluded.direction,
            counted = excluded.counted, minutes = excluded.minutes, accounts = excluded.accounts
    ), gone as (
        delete from rep_touches t using o
        where t.org_id = p_org and t.interaction_id = o.interaction_id and t.user_id = o.user_id
          and not exists (select 1 from n where n.interaction_id = o.interaction_id and n.user_id = o.user_id)
    ), signed as (
        select 1 as s, n.user_id, touch_day(n.occurred_at) as day, n.kind, n.direction, n.counted, n.minutes, n.accounts from n
        union all
        select -1, o.user_id, touch_day(o.occurred_at), o.kind, o.direction, o.counted, o.minutes, o.accounts from o
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

-- The same, for interactions named by their identity (normalised Message-ID, or iCalUID +
-- RECURRENCE-ID): the capture path knows those, and interaction_keys holds each one's current time.
create function refresh_touches_by_keys(p_org uuid, p_keys text[]) returns void
language sql as $$
    select refresh_touches(p_org, array_agg(interaction_id order by interaction_id), array_agg(occurred_at order by interaction_id))
    from interaction_keys where org_id = p_org and dedup_key = any(p_keys)
$$;

-- Links and interactions removed by others (a rep's thread opt-out, erasure, retention) take
-- their counts with them.
create function touches_after_link_delete() returns trigger
language plpgsql as $$
declare
    v_occurred timestamptz;
begin
    select occurred_at into v_occurred from rep_touches
    where org_id = old.org_id and interaction_id = old.interaction_id limit 1;
    if v_occurred is not null then
        perform refresh_touches(old.org_id, array[old.interaction_id], array[v_occurred]);
    end if;
    return null;
end
$$;
create trigger interaction_links_refresh_touches after delete on interaction_links
    for each row execute function touches_after_link_delete();

create function touches_after_interaction_delete() returns trigger
language plpgsql as $$
begin
    perform refresh_touches(old.org_id, array[old.id], array[old.occurred_at]);
    return null;
end
$$;
create trigger interactions_refresh_touches after delete on interactions
    for each row execute function touches_after_interaction_delete();
