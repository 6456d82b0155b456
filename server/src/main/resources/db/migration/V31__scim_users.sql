-- What the identity provider knows a user by. userName may differ from the Quietlog address
-- (Entra sends the UPN); it is unique per org ignoring case. A user deleted over SCIM keeps its
-- row and history (deactivated, scim_deleted_at set) and is invisible to SCIM until re-created.
alter table users
    add column scim_user_name  text,
    add column external_id     text,
    add column given_name      text,
    add column family_name     text,
    add column scim_deleted_at timestamptz,
    add column updated_at      timestamptz not null default now();

create unique index users_by_scim_user_name on users (org_id, lower(scim_user_name)) where scim_user_name is not null;
create index users_by_external_id on users (org_id, external_id) where external_id is not null;
