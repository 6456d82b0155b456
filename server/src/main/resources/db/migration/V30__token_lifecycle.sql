-- Token lifecycle: who issued a token, when it was last used (written at most once a minute
-- per token), and its kind. A SCIM token belongs to the org's identity provider, not to a user.
alter table access_tokens
    add column kind         text not null default 'access' check (kind in ('access', 'scim')),
    add column issued_by    uuid,
    add column last_used_at timestamptz,
    alter column user_id drop not null,
    add constraint access_tokens_user_unless_scim check (kind = 'scim' or user_id is not null),
    add constraint access_tokens_issued_by_fk foreign key (org_id, issued_by) references users (org_id, id);

create index access_tokens_by_org_issued on access_tokens (org_id, issued_at desc);

-- The org's token lifetimes in days; null means the server's default (QUIETLOG_TOKEN_TTL_DAYS)
-- and the built-in maximum.
alter table orgs
    add column token_default_ttl_days integer check (token_default_ttl_days between 1 and 3650),
    add column token_max_ttl_days     integer check (token_max_ttl_days between 1 and 3650),
    add constraint orgs_token_default_within_max check (token_default_ttl_days <= token_max_ttl_days);
