package dev.quietlog.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The org's audit log: one entry per thing done (an action such as {@code token.revoked}), by an
 * actor (an admin, the org's identity provider over SCIM, a user signing in, the system), to a
 * target (a user's address, a token id, a key id), with details. Append-only: the table refuses
 * UPDATE, DELETE and TRUNCATE. Every feature records its events here.
 */
public final class Audit {
    public static final int MAX_PAGE = 500;

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public Audit(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Who did it. kind is admin, scim, sign-in, user or system; label is what people read (an address). */
    public record Actor(String kind, UUID id, String label) {
        public static Actor admin(Principal p) {
            return new Actor("admin", p.userId(), p.email());
        }

        /** A user acting for themselves (a rep, a manager in the dashboard). */
        public static Actor user(Principal p) {
            return new Actor("user", p.userId(), p.email());
        }

        public static Actor scim(UUID tokenId) {
            return new Actor("scim", tokenId, "scim token " + tokenId);
        }

        public static Actor signIn(UUID userId, String email) {
            return new Actor("sign-in", userId, email);
        }

        public static Actor system() {
            return new Actor("system", null, "system");
        }
    }

    public record Entry(long id, Instant at, Actor actor, String action, String target, Map<String, Object> details) {
    }

    public record Page(List<Entry> entries, Long next) {
    }

    /** Records an event on its own (after the change it describes was committed). */
    public void record(UUID orgId, Actor actor, String action, String target, Map<String, ?> details) {
        jdbi.useHandle(h -> record(h, orgId, actor, action, target, details));
    }

    /** Records an event inside the caller's transaction, so it is logged if and only if the change commits. */
    public void record(Handle h, UUID orgId, Actor actor, String action, String target, Map<String, ?> details) {
        h.createUpdate("insert into audit_log (org_id, actor_kind, actor_id, actor, action, target, details) "
                        + "values (:org, :kind, :actorId, :actor, :action, :target, cast(:details as jsonb))")
                .bind("org", orgId).bind("kind", actor.kind()).bindByType("actorId", actor.id(), UUID.class)
                .bind("actor", actor.label()).bind("action", action).bind("target", target)
                .bind("details", toJson(details == null ? Map.of() : details))
                .execute();
    }

    /**
     * Filters; each is optional. action ending in '.' (e.g. "token.") matches every action it starts;
     * actor is an address or a kind; target (an address, a token id, a key id) matches regardless of case.
     */
    public record Query(Instant since, Instant until, String action, String actor, String target, Long before, int limit) {
    }

    /** Newest first; {@code next} is the {@code before} of the following page, or null at the end. */
    public Page list(UUID orgId, Query q) {
        if (q.limit() < 1 || q.limit() > MAX_PAGE) {
            throw ApiError.badRequest("limit: must be between 1 and " + MAX_PAGE);
        }
        StringBuilder sql = new StringBuilder(
                "select id, at, actor_kind, actor_id, actor, action, target, details::text from audit_log where org_id = :org");
        if (q.since() != null) {
            sql.append(" and at >= :since");
        }
        if (q.until() != null) {
            sql.append(" and at < :until");
        }
        if (q.action() != null) {
            sql.append(q.action().endsWith(".") ? " and starts_with(action, :action)" : " and action = :action");
        }
        if (q.actor() != null) {
            sql.append(" and (lower(actor) = lower(:actor) or actor_kind = :actor)");
        }
        if (q.target() != null) {
            sql.append(" and lower(target) = lower(:target)");
        }
        if (q.before() != null) {
            sql.append(" and id < :before");
        }
        sql.append(" order by id desc limit :limit");
        List<Entry> rows = jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("org", orgId).bind("limit", q.limit() + 1);
            if (q.since() != null) {
                query.bind("since", q.since());
            }
            if (q.until() != null) {
                query.bind("until", q.until());
            }
            if (q.action() != null) {
                query.bind("action", q.action());
            }
            if (q.actor() != null) {
                query.bind("actor", q.actor());
            }
            if (q.target() != null) {
                query.bind("target", q.target());
            }
            if (q.before() != null) {
                query.bind("before", q.before());
            }
            return query.map((rs, ctx) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                    new Actor(rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5)),
                    rs.getString(6), rs.getString(7), fromJson(rs.getString(8)))).list();
        });
        boolean more = rows.size() > q.limit();
        List<Entry> page = new ArrayList<>(more ? rows.subList(0, q.limit()) : rows);
        return new Page(page, more ? page.get(page.size() - 1).id() : null);
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain JSON values", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
