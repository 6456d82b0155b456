package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns one JSON event into a validated event, or a reason naming the field that is wrong. */
final class EventParser {
    static final int MAX_PARTICIPANTS = 1000;
    static final int MAX_SUBJECT = 1000;
    static final int MAX_SNIPPET = 500;

    private static final Set<String> EMAIL_SOURCES = Set.of("gmail", "outlook");
    private static final Set<String> MEETING_SOURCES = Set.of("google-calendar", "outlook-calendar");
    private static final Set<String> DIRECTIONS = Set.of("outbound", "inbound");
    private static final Set<String> MEETING_STATUSES = Set.of("confirmed", "tentative", "cancelled");
    private static final Set<String> RESPONSES = Set.of("accepted", "declined", "tentative", "needsAction");

    /** Either an event (with notes on anything cut) or the reason it was rejected. */
    record Parsed(CapturedEvent event, List<String> notes, String rejection) {
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
            CapturedEvent event = switch (type) {
                case "email" -> email(f);
                case "meeting" -> meeting(f);
                default -> throw new InvalidField(f.path("type"), "must be 'email' or 'meeting', got '" + type + "'");
            };
            return new Parsed(event, notes, null);
        } catch (InvalidField e) {
            return new Parsed(null, notes, e.getMessage());
        }
    }

    private static EmailEvent email(EventFields f) {
        String messageId = f.optionalId("messageId", 998);
        List<Address> to = f.addresses("to", MAX_PARTICIPANTS);
        List<Address> cc = f.addresses("cc", MAX_PARTICIPANTS);
        List<Address> bcc = f.addresses("bcc", MAX_PARTICIPANTS);
        if (to.size() + cc.size() + bcc.size() > MAX_PARTICIPANTS) {
            throw new InvalidField(f.path("to"), "more than " + MAX_PARTICIPANTS + " recipients in to, cc and bcc together");
        }
        return new EmailEvent(
                f.oneOf("source", EMAIL_SOURCES),
                f.requiredId("sourceId", 512),
                messageId == null ? null : normaliseMessageId(messageId),
                f.optionalId("threadId", 512),
                f.oneOf("direction", DIRECTIONS),
                f.instant("occurredAt"),
                f.address("from"),
                to,
                cc,
                bcc,
                f.text("subject", MAX_SUBJECT),
                f.text("snippet", MAX_SNIPPET),
                f.mailbox("mailbox"));
    }

    private static MeetingEvent meeting(EventFields f) {
        String source = f.oneOf("source", MEETING_SOURCES);
        String sourceId = f.requiredId("sourceId", 1024);
        String iCalUid = f.requiredId("iCalUid", 1024);
        String recurrenceId = f.optionalInstant("recurrenceId");
        var startsAt = f.instant("startsAt");
        var endsAt = f.instant("endsAt");
        if (endsAt.isBefore(startsAt)) {
            throw new InvalidField(f.path("endsAt"), "is before startsAt");
        }
        if (java.time.Duration.between(startsAt, endsAt).toDays() > 31) {
            throw new InvalidField(f.path("endsAt"), "more than 31 days after startsAt");
        }
        return new MeetingEvent(source, sourceId, iCalUid, recurrenceId, startsAt, endsAt,
                f.text("title", MAX_SUBJECT),
                f.address("organizer"),
                f.attendees("attendees", MAX_PARTICIPANTS, RESPONSES),
                f.oneOf("status", MEETING_STATUSES),
                f.optionalCount("sequence"),
                f.optionalInstantValue("updatedAt"),
                f.mailbox("mailbox"));
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
