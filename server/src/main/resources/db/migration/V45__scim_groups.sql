-- Teams pushed from the identity provider as SCIM groups. A team SCIM created (or took over by
-- its name) is SCIM-managed: its reps are the group's members and change only over SCIM; its
-- managers are still set by admins. external_id is the provider's id for the group (Entra sends
-- the group's objectId). SCIM sees only the teams it manages.
alter table teams
    add column scim_managed boolean not null default false,
    add column external_id  text check (length(external_id) <= 320),
    add column updated_at   timestamptz not null default now();

create index teams_by_external_id on teams (org_id, external_id) where external_id is not null;
