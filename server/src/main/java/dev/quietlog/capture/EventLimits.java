package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one set of limits on a capture event, read from shared-policy/event-limits.json: the file
 * the extension checks events against before they enter its outbox, so an event the extension
 * keeps is never one the server refuses for a limit.
 */
public record EventLimits(
        int maxEventsPerBatch,
        int maxBodyBytes,
        int maxParticipantsPerEvent,
        int maxSubjectChars,
        int maxSnippetChars,
        int maxAddressChars,
        int maxNameChars,
        int maxMessageIdChars,
        int maxEmailSourceIdChars,
        int maxThreadIdChars,
        int maxMeetingIdChars,
        int maxSequence,
        Instant earliestInstant,
        Instant latestInstant,
        int maxMeetingDays,
        int maxPersonalNeverLogEntries,
        Set<String> emailSources,
        Set<String> meetingSources,
        Set<String> directions,
        Set<String> meetingStatuses,
        Set<String> responses) {

    private static final String RESOURCE = "policy/event-limits.json";
    private static final EventLimits INSTANCE = load();

    public static EventLimits get() {
        return INSTANCE;
    }

    /** Whether an instant lies in the range every stored time must be in. */
    public boolean inRange(Instant t) {
        return !t.isBefore(earliestInstant) && t.isBefore(latestInstant);
    }

    private static EventLimits load() {
        try (InputStream in = EventLimits.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode j = new ObjectMapper().readTree(in);
            return new EventLimits(
                    number(j, "maxEventsPerBatch"), number(j, "maxBodyBytes"), number(j, "maxParticipantsPerEvent"),
                    number(j, "maxSubjectChars"), number(j, "maxSnippetChars"), number(j, "maxAddressChars"),
                    number(j, "maxNameChars"), number(j, "maxMessageIdChars"), number(j, "maxEmailSourceIdChars"),
                    number(j, "maxThreadIdChars"), number(j, "maxMeetingIdChars"), number(j, "maxSequence"),
                    Instant.parse(text(j, "earliestInstant")), Instant.parse(text(j, "latestInstant")),
                    number(j, "maxMeetingDays"), number(j, "maxPersonalNeverLogEntries"),
                    words(j, "emailSources"), words(j, "meetingSources"), words(j, "directions"),
                    words(j, "meetingStatuses"), words(j, "responses"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode field(JsonNode j, String name) {
        JsonNode v = j.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(RESOURCE + " lacks " + name);
        }
        return v;
    }

    private static int number(JsonNode j, String name) {
        JsonNode v = field(j, name);
        if (!v.canConvertToInt() || v.intValue() < 1) {
            throw new IllegalStateException(RESOURCE + ": " + name + " must be a positive whole number");
        }
        return v.intValue();
    }

    private static String text(JsonNode j, String name) {
        return field(j, name).textValue();
    }

    private static Set<String> words(JsonNode j, String name) {
        List<String> out = new ArrayList<>();
        field(j, name).forEach(v -> out.add(v.textValue()));
        return Set.copyOf(out);
    }
}
