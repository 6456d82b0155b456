package dev.quietlog.directory;

import dev.quietlog.app.ApiError;
import dev.quietlog.db.SqlStates;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The addresses each user sends and receives mail as: the primary one first, then aliases.
 * Capture trusts an event only in one of these mailboxes and lets a rep join an existing email
 * only when one of them took part in it, so an address belongs to at most one user of an org.
 */
public final class UserAddresses {
    public static final int MAX_ADDRESSES = 50;

    private final Jdbi jdbi;

    public UserAddresses(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Lower-case, the primary address first. */
    public List<String> of(UUID orgId, UUID userId) {
        return jdbi.withHandle(h -> of(h, orgId, userId));
    }

    public static List<String> of(Handle h, UUID orgId, UUID userId) {
        return h.createQuery("""
                        select a.email from user_addresses a
                        join users u on u.org_id = a.org_id and u.id = a.user_id
                        where a.org_id = :org and a.user_id = :user
                        order by a.email = u.email desc, a.position, a.email""")
                .bind("org", orgId).bind("user", userId)
                .mapTo(String.class).list();
    }

    /** The user's addresses, looked up by the user's primary address. */
    public List<String> ofUser(UUID orgId, String rawEmail) {
        return jdbi.withHandle(h -> of(h, orgId, user(h, orgId, rawEmail).id()));
    }

    /**
     * Replaces a user's addresses with the given list. The primary address stays (it is who the
     * user is) and comes first whether or not the list names it. An address another user of the
     * org already has is refused with 409 naming it.
     */
    public List<String> replace(UUID orgId, String rawEmail, List<String> rawAddresses) {
        if (rawAddresses == null) {
            throw ApiError.badRequest("addresses: required, a list of email addresses");
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < rawAddresses.size(); i++) {
            String raw = rawAddresses.get(i);
            String email = EmailAddresses.normalise(raw);
            if (email == null) {
                throw ApiError.badRequest("addresses[" + i + "]: not a valid email address");
            }
            if (!wanted.contains(email)) {
                wanted.add(email);
            }
        }
        try {
            return jdbi.inTransaction(h -> {
                User user = user(h, orgId, rawEmail);
                wanted.remove(user.email());
                wanted.add(0, user.email());
                if (wanted.size() > MAX_ADDRESSES) {
                    throw ApiError.badRequest("addresses: at most " + MAX_ADDRESSES + " per user");
                }
                List<String> taken = h.createQuery("""
                                select email from user_addresses
                                where org_id = :org and email = any(:emails) and user_id <> :user
                                order by email""")
                        .bind("org", orgId).bindArray("emails", String.class, wanted).bind("user", user.id())
                        .mapTo(String.class).list();
                if (!taken.isEmpty()) {
                    throw takenBy(taken.get(0));
                }
                h.createUpdate("delete from user_addresses where org_id = :org and user_id = :user")
                        .bind("org", orgId).bind("user", user.id()).execute();
                h.createUpdate("""
                                insert into user_addresses (org_id, email, user_id, position)
                                select :org, a.email, :user, (a.n - 1)::int
                                from unnest(:emails) with ordinality as a(email, n)""")
                        .bind("org", orgId).bind("user", user.id()).bindArray("emails", String.class, wanted)
                        .execute();
                return of(h, orgId, user.id());
            });
        } catch (JdbiException e) {
            // Another request gave one of these addresses to someone else between our check and insert.
            if (SqlStates.of(e).equals("23505")) {
                throw ApiError.conflict("addresses: one of these addresses was just given to another user; try again");
            }
            throw e;
        }
    }

    static ApiError takenBy(String address) {
        return ApiError.conflict("addresses: " + address + " is already an address of another user");
    }

    private static User user(Handle h, UUID orgId, String rawEmail) {
        String email = EmailAddresses.normalise(rawEmail);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        return h.attach(DirectoryDao.class).findUserByEmail(orgId, email)
                .orElseThrow(() -> ApiError.notFound("email: no user with email " + email));
    }
}
