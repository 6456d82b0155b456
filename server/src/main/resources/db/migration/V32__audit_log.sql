-- Who did what: tokens issued and revoked, keys rotated and retired, users provisioned, changed
-- and deprovisioned (by an admin, by SCIM, by sign-in), policy changes, dashboard sign-ins,
-- exports. Append-only: the database itself refuses to change or remove an entry.
create table audit_log (
    org_id     uuid not null,
    id         bigint generated always as identity,
    at         timestamptz not null default now(),
    actor_kind text not null check (actor_kind in ('admin', 'scim', 'sign-in', 'user', 'system')),
    actor_id   uuid,
    actor      text not null,
    action     text not null,
    target     text,
    details    jsonb not null default '{}',
    primary key (org_id, id)
);
create index audit_log_by_action on audit_log (org_id, action, id desc);
create index audit_log_by_actor on audit_log (org_id, actor, id desc);
create index audit_log_by_time on audit_log (org_id, at);

create function audit_log_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
for each statement execute function audit_log_is_append_only();
