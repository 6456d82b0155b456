package dev.quietlog.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.directory.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/** The latest interactions a caller may see (see {@link Visibility}). */
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

    public List<Item> latest(Visibility.Scope scope, int limit) {
        return jdbi.withHandle(h -> h.createQuery(LATEST)
                .bind("org", scope.orgId())
                .bindByType("visible", scope.sqlUsers(), UUID[].class)
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
