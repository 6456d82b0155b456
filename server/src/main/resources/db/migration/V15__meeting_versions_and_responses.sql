-- What a meeting is, besides its time and title: the calendar's identity of it (iCalUID and,
-- for one occurrence of a series, RECURRENCE-ID), and whether it is an all-day meeting (its
-- start and end are then midnights in time_zone, the zone the calendar shows it in).
alter table interactions add column ical_uid text;
alter table interactions add column recurrence_id text;
alter table interactions add column all_day boolean;
alter table interactions add column time_zone text;

-- interactions.source_sequence / source_updated_at now hold the newest version SEEN of a
-- meeting, whether or not it changed anything visible: Outlook raises SEQUENCE for an edit of
-- the description alone, and a late intermediate version must still lose to that bump.

-- Every version of a meeting the org's reps have captured, with what it said and what was done
-- with it. One row per rep and distinct version, so sending a batch again adds nothing.
create table meeting_versions (
    org_id         uuid not null,
    interaction_id uuid not null,
    user_id        uuid not null,
    version_hash   text not null,
    sequence       integer,
    updated_at     timestamptz,
    starts_at      timestamptz not null,
    ends_at        timestamptz not null,
    status         text not null,
    subject        text,
    participants   jsonb not null,
    outcome        text not null check (outcome in ('created', 'applied', 'unchanged', 'older', 'not-invited')),
    seen_at        timestamptz not null default now(),
    primary key (org_id, interaction_id, user_id, version_hash),
    foreign key (org_id, user_id) references users (org_id, id)
);

-- Each rep's own answer to a meeting invitation, from the newest version that rep's calendar
-- gave (a declined meeting is no customer time for that rep, whoever else went).
alter table interaction_links add column response text
    check (response in ('accepted', 'declined', 'tentative', 'none'));
alter table interaction_links add column response_sequence integer;
alter table interaction_links add column response_updated_at timestamptz;

-- The reps of an interaction as the API shows them, now with each one's own response.
create or replace function interaction_reps(p_org uuid, p_interaction uuid) returns jsonb
language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object('email', u.email, 'name', u.name, 'direction', l.direction,
                                                 'response', l.response)
                              order by u.email), '[]'::jsonb)
    from interaction_links l
    join users u on u.org_id = l.org_id and u.id = l.user_id
    where l.org_id = p_org and l.interaction_id = p_interaction
$$;

-- Meetings stored before: their identity is in their key ("meeting:" iCalUID, then "|" and the
-- canonical original start of an occurrence); none of them was captured as all-day.
update interactions i
set ical_uid = regexp_replace(substring(k.dedup_key from 9), '\|\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?$', ''),
    recurrence_id = substring(k.dedup_key from '\|(\d{4}-\d{2}-\d{2}(?:T[0-9:.]+Z)?)$'),
    all_day = false
from interaction_keys k
where i.kind = 'meeting' and k.org_id = i.org_id and k.interaction_id = i.id and k.occurred_at = i.occurred_at
  and k.dedup_key like 'meeting:%';
