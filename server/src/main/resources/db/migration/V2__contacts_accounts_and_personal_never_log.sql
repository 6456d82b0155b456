-- Accounts are registrable domains (public suffix list): mail.acme.co.uk belongs to acme.co.uk.
create table accounts (
    org_id     uuid not null,
    domain     text not null,
    created_at timestamptz not null default now(),
    primary key (org_id, domain)
);

-- External people the org's reps have emailed or met. Free-mail contacts have no account.
create table contacts (
    org_id         uuid not null,
    email          text not null,
    name           text,
    account_domain text,
    created_at     timestamptz not null default now(),
    primary key (org_id, email)
);
create index contacts_by_account on contacts (org_id, account_domain);

-- Which customer contacts took part in which interaction; occurred_at is copied here so that
-- a contact's or an account's timeline is one index range scan.
create table interaction_contacts (
    org_id         uuid not null,
    interaction_id uuid not null,
    email          text not null,
    account_domain text,
    occurred_at    timestamptz not null,
    primary key (org_id, interaction_id, email)
);
create index interaction_contacts_by_contact on interaction_contacts (org_id, email, occurred_at desc);
create index interaction_contacts_by_account on interaction_contacts (org_id, account_domain, occurred_at desc);

-- A rep's own never-log entries (an address, or a whole domain), on top of the org's.
create table user_never_log (
    org_id  uuid not null,
    user_id uuid not null,
    kind    text not null check (kind in ('address', 'domain')),
    value   text not null,
    primary key (org_id, user_id, kind, value),
    foreign key (org_id, user_id) references users (org_id, id)
);
