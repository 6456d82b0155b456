-- Teams: an org's reps grouped under one or more managers. Who may see whom is decided from
-- these rows in one place (directory/Visibility); SCIM groups can map onto them later.
create table teams (
    org_id     uuid not null references orgs (id),
    id         uuid not null default gen_random_uuid(),
    name       text not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now(),
    primary key (org_id, id)
);
create unique index teams_by_name on teams (org_id, lower(name));

-- A user is a team's manager or one of its reps; a manager may also sell, so both rows may exist.
create table team_members (
    org_id  uuid not null,
    team_id uuid not null,
    user_id uuid not null,
    role    text not null check (role in ('manager', 'rep')),
    primary key (org_id, team_id, role, user_id),
    foreign key (org_id, team_id) references teams (org_id, id) on delete cascade,
    foreign key (org_id, user_id) references users (org_id, id)
);
-- "Which teams does this user manage?" is asked on every dashboard request.
create index team_members_by_user on team_members (org_id, user_id, role);

-- Customer time = minutes of attended customer meetings + an estimate per email sent; the
-- share is taken of the working hours in the period.
alter table orgs add column minutes_per_email integer not null default 3
    check (minutes_per_email between 0 and 120);
alter table orgs add column working_hours_per_week numeric(5, 2) not null default 40
    check (working_hours_per_week > 0 and working_hours_per_week <= 168);
