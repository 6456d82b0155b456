package dev.quietlog.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** The latest interactions a principal may see: a rep their own, managers and admins the org's. */
public final class InteractionFeed {
    private static final String LATEST = ClasspathSqlLocator.removingComments()
            .getResource(InteractionFeed.class.getClassLoader(), "sql/latest-interactions.sql");

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public InteractionFeed(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public record Item(UUID id, String type, String source, Instant occurredAt, String subject, String snippet,
                       JsonNode reps, JsonNode participants) {
    }

    public List<Item> latest(Principal principal, int limit) {
        return jdbi.withHandle(h -> h.createQuery(LATEST)
                .bind("org", principal.orgId())
                .bind("onlyUser", principal.role() == Role.REP ? principal.userId() : null)
                .bind("limit", limit)
                .map((rs, ctx) -> new Item(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("source"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("subject"),
                        rs.getString("snippet"),
                        parse(rs.getString("reps")),
                        parse(rs.getString("participants"))))
                .list());
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
