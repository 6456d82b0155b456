-- Whether reps may log mail they see in a mailbox delegated to them (someone else's account).
alter table orgs add column allow_delegated_mailboxes boolean not null default false;
