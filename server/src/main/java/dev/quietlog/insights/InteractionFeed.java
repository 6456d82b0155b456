package dev.quietlog.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.directory.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
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

    /**
     * One interaction. The meeting fields (endsAt, status, iCalUid, recurrenceId, allDay, timeZone)
     * are null on an email; response is the caller's own answer to a meeting they captured.
     */
    public record Item(UUID id, String type, String source, Instant occurredAt, Instant endsAt, String subject,
                       String snippet, String status, String iCalUid, String recurrenceId, Boolean allDay,
                       String timeZone, String response, JsonNode reps, JsonNode participants) {
    }

    public List<Item> latest(Visibility.Scope scope, int limit) {
        return jdbi.withHandle(h -> h.createQuery(LATEST)
                .bind("org", scope.orgId())
                .bindByType("visible", scope.sqlUsers(), UUID[].class)
                .bind("me", scope.viewer())
                .bind("limit", limit)
                .map((rs, ctx) -> new Item(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("source"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("ends_at", OffsetDateTime.class)),
                        rs.getString("subject"),
                        rs.getString("snippet"),
                        rs.getString("status"),
                        rs.getString("ical_uid"),
                        rs.getString("recurrence_id"),
                        (Boolean) rs.getObject("all_day"),
                        rs.getString("time_zone"),
                        rs.getString("my_response"),
                        parse(rs.getString("reps")),
                        parse(rs.getString("participants"))))
                .list());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
