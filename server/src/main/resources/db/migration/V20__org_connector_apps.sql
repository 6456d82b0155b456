-- The OAuth apps IT registered once for the extension's calendar and mail connectors: at most
-- one Google and one Microsoft app per org. The extension signs the rep in with them; no server
-- ever holds a mailbox grant, so only the app's public identifiers live here.
-- client_secret: Google requires one at its token endpoint for the web-application client an
-- extension must use, even with PKCE; shipped to every rep's browser, it is not a secret.
-- The endpoints are null for the providers' real ones.
create table org_connector_apps (
    org_id                 uuid not null references orgs (id),
    provider               text not null check (provider in ('google', 'microsoft')),
    client_id              text not null,
    client_secret          text,
    tenant                 text,
    authorization_endpoint text,
    token_endpoint         text,
    updated_at             timestamptz not null default now(),
    primary key (org_id, provider)
);
