-- Every table carries org_id and every key leads with it, so that tables can later be
-- distributed by org_id (Citus). signing_keys is global: it would be a reference table.

create table orgs (
    id                  uuid primary key default gen_random_uuid(),
    name                text not null,
    internal_domains    text[] not null default '{}',
    never_log_addresses text[] not null default '{}',
    never_log_domains   text[] not null default '{}',
    allow_free_mail     boolean not null default false,
    capture_level       text not null default 'subject_snippet'
                        check (capture_level in ('metadata', 'subject', 'subject_snippet')),
    created_at          timestamptz not null default now()
);

create table users (
    org_id      uuid not null references orgs (id),
    id          uuid not null default gen_random_uuid(),
    email       text not null check (email = lower(email)),
    name        text not null,
    role        text not null check (role in ('rep', 'manager', 'admin')),
    active      boolean not null default true,
    created_at  timestamptz not null default now(),
    primary key (org_id, id),
    unique (org_id, email)
);

create table signing_keys (
    kid         text primary key,
    algorithm   text not null,
    private_jwk text not null,
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);

create table access_tokens (
    org_id      uuid not null,
    jti         uuid not null,
    user_id     uuid not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    primary key (org_id, jti),
    foreign key (org_id, user_id) references users (org_id, id)
);
create index access_tokens_by_user on access_tokens (org_id, user_id);

-- One row per real-world email or meeting. Partitioned by time so old years can be
-- detached or dropped by retention without touching recent data.
create table interactions (
    org_id       uuid not null,
    id           uuid not null,
    kind         text not null check (kind in ('email', 'meeting')),
    source       text not null,
    occurred_at  timestamptz not null,
    ends_at      timestamptz,
    subject      text,
    snippet      text,
    thread_id    text,
    status       text,
    participants jsonb not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (org_id, occurred_at, id)
) partition by range (occurred_at);
create index interactions_by_id on interactions (org_id, id);

do $$
begin
    for y in 2000..2040 loop
        execute format(
            'create table interactions_%s partition of interactions for values from (%L) to (%L)',
            y, make_date(y, 1, 1), make_date(y + 1, 1, 1));
    end loop;
end
$$;
create table interactions_other partition of interactions default;

-- A partitioned table cannot enforce uniqueness across partitions on a key that leaves
-- out the partition column, and a moved meeting changes its time: this table holds the
-- identity of each interaction (normalised Message-ID, or iCalUID + RECURRENCE-ID).
create table interaction_keys (
    org_id         uuid not null,
    dedup_key      text not null,
    interaction_id uuid not null,
    primary key (org_id, dedup_key)
);

-- Which rep captured which interaction, from their point of view.
create table interaction_links (
    org_id         uuid not null,
    interaction_id uuid not null,
    user_id        uuid not null,
    direction      text,
    source_id      text,
    captured_at    timestamptz not null default now(),
    primary key (org_id, interaction_id, user_id),
    foreign key (org_id, user_id) references users (org_id, id)
);
create index interaction_links_by_user on interaction_links (org_id, user_id, captured_at);
