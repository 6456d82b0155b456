-- The addresses a user sends and receives mail as: the primary address plus aliases (send-as,
-- +tags the org uses, an old domain). Capture trusts an event only in one of these mailboxes,
-- and joins an existing interaction only when one of them took part in it. One address belongs
-- to one user of an org, so no rep can claim a colleague's mailbox.
create table user_addresses (
    org_id   uuid not null,
    email    text not null check (email = lower(email)),
    user_id  uuid not null,
    position integer not null,
    primary key (org_id, email),
    foreign key (org_id, user_id) references users (org_id, id)
);
create index user_addresses_by_user on user_addresses (org_id, user_id, position);

insert into user_addresses (org_id, email, user_id, position)
select org_id, email, id, 0 from users;

-- The primary address is always one of the user's addresses, whoever creates or renames the user
-- (admin API, SCIM, bootstrap): kept here rather than in each of those places.
create function user_primary_address() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if new.email = old.email then
            return new;
        end if;
        delete from user_addresses where org_id = old.org_id and email = old.email and user_id = old.id;
    end if;
    update user_addresses set position = position + 1 where org_id = new.org_id and user_id = new.id;
    insert into user_addresses (org_id, email, user_id, position) values (new.org_id, new.email, new.id, 0)
    on conflict (org_id, email) do update set position = 0 where user_addresses.user_id = excluded.user_id;
    if not found then
        raise unique_violation using message = 'address ' || new.email || ' belongs to another user';
    end if;
    return new;
end
$$;

create trigger users_primary_address after insert or update of email on users
for each row execute function user_primary_address();
