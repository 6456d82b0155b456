-- Where each rep saw an email (the mailbox and that mailbox's thread: thread ids are the
-- mailbox's own), so a rep can take one thread out of their log.
alter table interaction_links add column mailbox text;
alter table interaction_links add column thread_id text;
create index interaction_links_by_thread on interaction_links (org_id, user_id, mailbox, thread_id)
    where thread_id is not null;

-- The keys of an interaction (and through them its time, the partition column), found from the
-- interaction when nobody is linked to it any more and it is deleted.
create index interaction_keys_by_interaction on interaction_keys (org_id, interaction_id);

-- Threads a rep chose not to log: their events are skipped from then on.
create table excluded_threads (
    org_id     uuid not null,
    user_id    uuid not null,
    source     text not null,
    mailbox    text not null,
    thread_id  text not null,
    created_at timestamptz not null default now(),
    primary key (org_id, user_id, source, mailbox, thread_id),
    foreign key (org_id, user_id) references users (org_id, id)
);
