-- The account page at ten million interactions (scripts/bench dashboard): its timeline, last and
-- next touch and counts read an account's touches in a range and check each against the caller's
-- reps. With the interaction, its kind and whether it counted in the index entry, that range is
-- read from the index alone instead of one heap page per touch (an account's touches were written
-- on different days and lie on different pages).
drop index account_touches_by_account;
create index account_touches_by_account on account_touches (org_id, account_domain, occurred_at desc)
    include (interaction_id, kind, counted);
