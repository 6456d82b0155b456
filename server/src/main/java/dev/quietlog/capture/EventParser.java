package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns one JSON event into a validated event, or a reason naming the field that is wrong. */
final class EventParser {
    static final int MAX_RECIPIENTS = 1000;
    static final int MAX_SUBJECT = 1000;
    static final int MAX_SNIPPET = 500;

    private static final Set<String> EMAIL_SOURCES = Set.of("gmail", "outlook");
    private static final Set<String> DIRECTIONS = Set.of("outbound", "inbound");

    /** Either an event (with notes on anything cut) or the reason it was rejected. */
    record Parsed(EmailEvent event, List<String> notes, String rejection) {
    }

    private EventParser() {
    }

    static Parsed parse(JsonNode node, int index) {
        String path = "events[" + index + "]";
        List<String> notes = new ArrayList<>();
        try {
            if (node == null || !node.isObject()) {
                throw new InvalidField(path, "must be an object");
            }
            EventFields f = new EventFields(node, path, notes);
            String type = f.requiredId("type", 32);
            if (!type.equals("email")) {
                throw new InvalidField(f.path("type"), "unsupported event type '" + type + "'; this server takes 'email'");
            }
            return new Parsed(email(f), notes, null);
        } catch (InvalidField e) {
            return new Parsed(null, notes, e.getMessage());
        }
    }

    private static EmailEvent email(EventFields f) {
        String messageId = f.optionalId("messageId", 998);
        return new EmailEvent(
                f.oneOf("source", EMAIL_SOURCES),
                f.requiredId("sourceId", 512),
                messageId == null ? null : normaliseMessageId(messageId),
                f.optionalId("threadId", 512),
                f.oneOf("direction", DIRECTIONS),
                f.instant("occurredAt"),
                f.address("from"),
                f.addresses("to", MAX_RECIPIENTS),
                f.addresses("cc", MAX_RECIPIENTS),
                f.text("subject", MAX_SUBJECT),
                f.text("snippet", MAX_SNIPPET));
    }

    /** Message-IDs compare without their angle brackets and surrounding whitespace. */
    static String normaliseMessageId(String raw) {
        String s = raw.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.isEmpty() ? null : s;
    }
}
