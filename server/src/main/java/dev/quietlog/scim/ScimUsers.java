package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quietlog.directory.EmailAddresses;
import dev.quietlog.directory.UserAddresses;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users as an identity provider provisions them over SCIM, mapped onto Quietlog users: userName
 * (matched ignoring case, may differ from the address), externalId, name, the addresses in
 * emails[] (the primary work one is the user's Quietlog address) and active. Deactivating
 * refuses the user's tokens and sessions on the next request and reactivating restores them;
 * DELETE deactivates for good (tokens revoked) and keeps the user's history.
 */
public final class ScimUsers {
    public static final int MAX_PAGE = 200;

    private static final String COLUMNS = "u.id, u.email, u.name, u.active, u.scim_user_name, u.external_id, "
            + "u.given_name, u.family_name, u.created_at, u.updated_at";
    private static final String LIVE = "u.org_id = :org and u.scim_deleted_at is null";

    private final Jdbi jdbi;
    private final Addresses addresses;

    public ScimUsers(Jdbi jdbi, UserAddresses directoryAddresses) {
        this(jdbi, new DirectoryAddresses(directoryAddresses));
    }

    ScimUsers(Jdbi jdbi, Addresses addresses) {
        this.jdbi = jdbi;
        this.addresses = addresses;
    }

    /** A user's addresses (primary plus aliases), kept by the directory. */
    public interface Addresses {
        /** The user's addresses, primary first, lower-cased. */
        List<String> of(Handle h, UUID orgId, UUID userId);

        /** Replaces the addresses of the user whose primary address is given (primary first), in its own transaction. */
        void replace(UUID orgId, String primary, List<String> primaryFirst);

        /** Those of these addresses that belong to a user other than this one. */
        List<String> takenByOthers(Handle h, UUID orgId, List<String> addresses, UUID userId);

        /** The SQL condition (on users u) that the user has the address bound as :address. */
        String hasAddressSql();
    }

    /** What a write did, for the audit log. */
    public enum Change { CREATED, UPDATED, DEACTIVATED, REACTIVATED, DELETED }

    public record Result(ScimUser user, List<Change> changes) {
    }

    public record Page(List<ScimUser> users, long total, int startIndex) {
    }

    public Page list(UUID orgId, String filter, int startIndex, int count) {
        int start = Math.max(1, startIndex);
        int size = Math.max(0, Math.min(MAX_PAGE, count));
        StringBuilder where = new StringBuilder(LIVE);
        ScimFilter f = filter == null || filter.isBlank() ? null : ScimFilter.parse(filter);
        Object bound = null;
        if (f != null) {
            switch (f.attribute()) {
                case USER_NAME -> {
                    where.append(" and lower(coalesce(u.scim_user_name, u.email)) = lower(:v)");
                    bound = f.value();
                }
                case EXTERNAL_ID -> {
                    where.append(" and u.external_id = :v");
                    bound = f.value();
                }
                case EMAIL -> {
                    where.append(" and (u.email = :v or ").append(addresses.hasAddressSql().replace(":address", ":v")).append(")");
                    bound = f.value().strip().toLowerCase(Locale.ROOT);
                }
                case ID -> {
                    where.append(" and u.id = :v");
                    bound = uuid(f.value()).orElse(new UUID(0, 0));
                }
                default -> throw new IllegalStateException();
            }
        }
        Object value = bound;
        return jdbi.withHandle(h -> {
            var count0 = h.createQuery("select count(*) from users u where " + where).bind("org", orgId);
            var rows = h.createQuery("select " + COLUMNS + " from users u where " + where
                    + " order by u.created_at, u.id limit :limit offset :offset")
                    .bind("org", orgId).bind("limit", size).bind("offset", start - 1);
            if (value != null) {
                count0.bind("v", value);
                rows.bind("v", value);
            }
            long total = count0.mapTo(Long.class).one();
            List<ScimUser> users = new ArrayList<>(rows.map((rs, ctx) -> row(rs)).list());
            for (ScimUser u : users) {
                fillEmails(h, orgId, u);
            }
            return new Page(users, total, start);
        });
    }

    public ScimUser get(UUID orgId, String id) {
        return jdbi.withHandle(h -> find(h, orgId, id).orElseThrow(() -> notFound(id)));
    }

    /**
     * POST /Users. A live user with the same userName is a conflict (Okta and Entra then look it
     * up). A user with the same address whom SCIM does not manage yet (created by an admin), or
     * one SCIM deleted, is taken over rather than duplicated, keeping their history.
     */
    public Result create(UUID orgId, JsonNode body) {
        ScimUser draft = new ScimUser();
        ScimJson.replaceFrom(body, draft);
        Checked c = check(draft);
        UUID created = jdbi.inTransaction(h -> {
            lock(h, orgId);
            if (userNameTaken(h, orgId, c.userName, null)) {
                throw ScimError.uniqueness("userName: a user with userName " + c.userName + " already exists");
            }
            Optional<UUID> adopt = h.createQuery("select u.id from users u where u.org_id = :org and ("
                            + "(u.email = :email and (u.scim_user_name is null or u.scim_deleted_at is not null)) "
                            + "or (lower(u.scim_user_name) = lower(:userName) and u.scim_deleted_at is not null)) "
                            + "order by (u.email = :email) desc limit 1")
                    .bind("org", orgId).bind("email", c.address).bind("userName", c.userName)
                    .mapTo(UUID.class).findOne();
            UUID id;
            if (adopt.isPresent()) {
                id = adopt.get();
                ensureAddressesFree(h, orgId, c, id);
                write(h, orgId, id, draft, c);
            } else {
                ensureAddressesFree(h, orgId, c, null);
                id = h.createQuery("insert into users (org_id, email, name, role, active, scim_user_name, external_id, "
                                + "given_name, family_name) values (:org, :email, :name, 'rep', :active, :userName, "
                                + ":externalId, :given, :family) returning id")
                        .bind("org", orgId).bind("email", c.address).bind("name", draft.quietlogName())
                        .bind("active", draft.active).bind("userName", c.userName).bind("externalId", draft.externalId)
                        .bind("given", draft.givenName).bind("family", draft.familyName)
                        .mapTo(UUID.class).one();
            }
            return id;
        });
        return afterWrite(orgId, created, c, List.of(Change.CREATED));
    }

    /** The aliases are written once the user is (the directory's replace runs in its own transaction). */
    private Result afterWrite(UUID orgId, UUID id, Checked c, List<Change> changes) {
        addresses.replace(orgId, c.address, c.allAddresses);
        return new Result(jdbi.withHandle(h -> find(h, orgId, id.toString())).orElseThrow(), changes);
    }

    public Result replace(UUID orgId, String id, JsonNode body) {
        return update(orgId, id, u -> ScimJson.replaceFrom(body, u));
    }

    public Result patch(UUID orgId, String id, JsonNode body) {
        return update(orgId, id, u -> ScimPatch.apply(body, u));
    }

    /** DELETE: deactivated for good, tokens revoked, history kept; invisible to SCIM from now on. */
    public Result delete(UUID orgId, String id) {
        return jdbi.inTransaction(h -> {
            ScimUser u = find(h, orgId, id).orElseThrow(() -> notFound(id));
            h.createUpdate("update users set active = false, scim_deleted_at = now(), updated_at = now() "
                    + "where org_id = :org and id = :id").bind("org", orgId).bind("id", u.id).execute();
            h.createUpdate("update access_tokens set revoked_at = now() where org_id = :org and user_id = :id "
                    + "and revoked_at is null").bind("org", orgId).bind("id", u.id).execute();
            u.active = false;
            return new Result(u, List.of(Change.DELETED));
        });
    }

    private interface Edit {
        void apply(ScimUser u);
    }

    private record Updated(UUID id, Checked checked, List<Change> changes) {
    }

    private Result update(UUID orgId, String id, Edit edit) {
        Updated done = jdbi.inTransaction(h -> {
            lock(h, orgId);
            ScimUser u = find(h, orgId, id).orElseThrow(() -> notFound(id));
            boolean wasActive = u.active;
            edit.apply(u);
            Checked c = check(u);
            if (userNameTaken(h, orgId, c.userName, u.id)) {
                throw ScimError.uniqueness("userName: another user has userName " + c.userName);
            }
            ensureAddressesFree(h, orgId, c, u.id);
            write(h, orgId, u.id, u, c);
            List<Change> changes = new ArrayList<>(List.of(Change.UPDATED));
            if (wasActive && !u.active) {
                changes.add(Change.DEACTIVATED);
            } else if (!wasActive && u.active) {
                changes.add(Change.REACTIVATED);
            }
            return new Updated(u.id, c, changes);
        });
        return afterWrite(orgId, done.id(), done.checked(), done.changes());
    }

    /** Writes are serialised per org, so two requests cannot both take the same userName or address. */
    private static void lock(Handle h, UUID orgId) {
        h.createQuery("select pg_advisory_xact_lock(hashtext('quietlog.scim.' || :org))")
                .bind("org", orgId.toString()).mapTo(String.class).one();
    }

    private record Checked(String userName, String address, List<String> allAddresses) {
    }

    /** Everything a user must be before it is written, each failure naming the attribute. */
    private static Checked check(ScimUser u) {
        if (u.userName == null || u.userName.isBlank()) {
            throw ScimError.invalidValue("userName: required");
        }
        String raw = u.quietlogAddress();
        String address = EmailAddresses.normalise(raw);
        if (address == null) {
            throw ScimError.invalidValue(raw == null
                    ? "emails: a work address is required (or a userName that is an email address)"
                    : "emails: '" + raw + "' is not a valid email address");
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(address);
        for (ScimUser.Email e : u.emails) {
            String a = EmailAddresses.normalise(e.value);
            if (a == null) {
                throw ScimError.invalidValue("emails: '" + e.value + "' is not a valid email address");
            }
            all.add(a);
        }
        String name = u.quietlogName();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ScimError.invalidValue("displayName: at most 200 characters");
        }
        return new Checked(u.userName.strip(), address, List.copyOf(all));
    }

    private static boolean userNameTaken(Handle h, UUID orgId, String userName, UUID except) {
        return h.createQuery("select exists (select 1 from users u where " + LIVE
                        + " and lower(coalesce(u.scim_user_name, u.email)) = lower(:userName)"
                        + (except == null ? "" : " and u.id <> :except") + ")")
                .bind("org", orgId).bind("userName", userName).bindByType("except", except, UUID.class)
                .mapTo(Boolean.class).one();
    }

    /** An address is one user's only: taken by someone else, it is a uniqueness conflict naming it. */
    private void ensureAddressesFree(Handle h, UUID orgId, Checked c, UUID self) {
        List<String> primaryTaken = h.createQuery("select u.email from users u where u.org_id = :org and u.email = :email"
                        + (self == null ? "" : " and u.id <> :self"))
                .bind("org", orgId).bind("email", c.address).bindByType("self", self, UUID.class)
                .mapTo(String.class).list();
        List<String> taken = primaryTaken.isEmpty() ? addresses.takenByOthers(h, orgId, c.allAddresses, self) : primaryTaken;
        if (!taken.isEmpty()) {
            throw ScimError.uniqueness("emails: " + taken.get(0) + " is already another user's address");
        }
    }

    private static void write(Handle h, UUID orgId, UUID id, ScimUser u, Checked c) {
        h.createUpdate("update users set email = :email, name = :name, active = :active, scim_user_name = :userName, "
                        + "external_id = :externalId, given_name = :given, family_name = :family, "
                        + "scim_deleted_at = null, updated_at = now() where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", id).bind("email", c.address).bind("name", u.quietlogName())
                .bind("active", u.active).bind("userName", c.userName).bind("externalId", u.externalId)
                .bind("given", u.givenName).bind("family", u.familyName)
                .execute();
    }

    private Optional<ScimUser> find(Handle h, UUID orgId, String id) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ScimUser> found = h.createQuery("select " + COLUMNS + " from users u where " + LIVE + " and u.id = :id")
                .bind("org", orgId).bind("id", uuid.get()).map((rs, ctx) -> row(rs)).findOne();
        found.ifPresent(u -> fillEmails(h, orgId, u));
        return found;
    }

    private void fillEmails(Handle h, UUID orgId, ScimUser u) {
        String primary = u.emails.get(0).value;
        for (String a : addresses.of(h, orgId, u.id)) {
            if (!a.equals(primary)) {
                u.emails.add(new ScimUser.Email(a, "other", false));
            }
        }
    }

    private static ScimUser row(ResultSet rs) throws SQLException {
        ScimUser u = new ScimUser();
        u.id = rs.getObject("id", UUID.class);
        String email = rs.getString("email");
        u.userName = Optional.ofNullable(rs.getString("scim_user_name")).orElse(email);
        u.externalId = rs.getString("external_id");
        u.givenName = rs.getString("given_name");
        u.familyName = rs.getString("family_name");
        u.displayName = rs.getString("name");
        u.active = rs.getBoolean("active");
        u.emails.add(new ScimUser.Email(email, "work", true));
        u.created = rs.getTimestamp("created_at").toInstant();
        u.lastModified = rs.getTimestamp("updated_at").toInstant();
        return u;
    }

    private static Optional<UUID> uuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static ScimError notFound(String id) {
        return ScimError.missing("Users/" + id + ": no such user");
    }
}
