-- Dashboard sessions kept server-side, so that logout, revoking the token a session was made
-- from, or deactivating its user ends it at once. The cookie carries the org id and a random
-- secret; only the secret's SHA-256 is stored, so a read of this table opens no session.
create table sessions (
    org_id          uuid not null,
    id_hash         bytea not null,
    user_id         uuid not null,
    access_token_id uuid not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    primary key (org_id, id_hash),
    foreign key (org_id, user_id) references users (org_id, id) on delete cascade,
    foreign key (org_id, access_token_id) references access_tokens (org_id, jti) on delete cascade
);
create index sessions_by_user on sessions (org_id, user_id);
create index sessions_by_expiry on sessions (org_id, expires_at);
