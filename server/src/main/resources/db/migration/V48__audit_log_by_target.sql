-- The audit log is filtered by target (an address, a token id, a key id) in the API, the CLI and
-- the admin page, matched regardless of case.
create index audit_log_by_target on audit_log (org_id, lower(target), id desc);
