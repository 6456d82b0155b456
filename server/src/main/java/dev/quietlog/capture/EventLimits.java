package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The limits on one event, read from shared-policy/event-limits.json, the file the extension
 * checks its outbox against, so both sides refuse the same values.
 */
record EventLimits(int maxSequence, Instant earliestInstant, Instant latestInstant, int maxMeetingDays) {
    private static final String RESOURCE = "policy/event-limits.json";
    static final EventLimits SHARED = read();

    private static EventLimits read() {
        try (InputStream in = EventLimits.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            return new EventLimits(root.get("maxSequence").intValue(),
                    Instant.parse(root.get("earliestInstant").textValue()),
                    Instant.parse(root.get("latestInstant").textValue()),
                    root.get("maxMeetingDays").intValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean inRange(Instant t) {
        return !t.isBefore(earliestInstant) && t.isBefore(latestInstant);
    }
}
