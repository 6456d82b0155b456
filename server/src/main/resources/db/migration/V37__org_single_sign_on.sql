-- Single sign-on for reps: the org's OpenID Connect provider, set once by IT.
create table org_sign_in (
    org_id         uuid primary key references orgs (id),
    provider       text not null check (provider in ('generic', 'okta', 'entra', 'google')),
    oidc_issuer    text not null,
    oidc_client_id text not null,
    display_name   text not null,
    updated_at     timestamptz not null default now()
);

-- Each sign-in's nonce is accepted once, so an ID token seen in transit cannot be traded
-- for a second Quietlog token. Rows are kept only while the ID token could still be valid.
create table oidc_used_nonces (
    org_id      uuid not null references orgs (id),
    nonce_hash  text not null,
    expires_at  timestamptz not null,
    primary key (org_id, nonce_hash)
);
create index oidc_used_nonces_by_expiry on oidc_used_nonces (expires_at);
