package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns one JSON event into a validated event, or a reason naming the field that is wrong. */
final class EventParser {
    static final int MAX_PARTICIPANTS = 1000;
    static final int MAX_SUBJECT = 1000;
    static final int MAX_SNIPPET = 500;
    private static final int MAX_MEETING_ID = 1024;

    private static final Set<String> EMAIL_SOURCES = Set.of("gmail", "outlook");
    private static final Set<String> MEETING_SOURCES = Set.of("google-calendar", "outlook-calendar");
    private static final Set<String> DIRECTIONS = Set.of("outbound", "inbound");
    private static final Set<String> MEETING_STATUSES = Set.of("confirmed", "tentative", "cancelled");
    private static final EventLimits LIMITS = EventLimits.SHARED;

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
        if (to.size() + cc.size() > MAX_PARTICIPANTS) {
            throw new InvalidField(f.path("to"), "more than " + MAX_PARTICIPANTS + " recipients in to and cc together");
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
                f.text("subject", MAX_SUBJECT),
                f.text("snippet", MAX_SNIPPET));
    }

    private static MeetingEvent meeting(EventFields f) {
        String source = f.oneOf("source", MEETING_SOURCES);
        String sourceId = f.requiredId("sourceId", MAX_MEETING_ID);
        String iCalUid = f.requiredId("iCalUid", MAX_MEETING_ID);
        String recurrenceId = f.optionalInstant("recurrenceId");
        if (recurrenceId != null && !LIMITS.inRange(recurrenceId.length() == 10
                ? java.time.LocalDate.parse(recurrenceId).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                : Instant.parse(recurrenceId))) {
            throw new InvalidField(f.path("recurrenceId"), MeetingTimes.outOfRange(LIMITS));
        }
        MeetingTimes times = MeetingTimes.read(f, LIMITS);
        Integer sequence = f.optionalCount("sequence");
        if (sequence != null && sequence > LIMITS.maxSequence()) {
            throw new InvalidField(f.path("sequence"), "more than " + LIMITS.maxSequence());
        }
        Instant updatedAt = f.optionalInstantValue("updatedAt");
        if (updatedAt != null && !LIMITS.inRange(updatedAt)) {
            throw new InvalidField(f.path("updatedAt"), MeetingTimes.outOfRange(LIMITS));
        }
        return new MeetingEvent(source, sourceId, iCalUid, recurrenceId, times.startsAt(), times.endsAt(),
                times.allDay(), times.timeZone(),
                f.text("title", MAX_SUBJECT),
                f.address("organizer"),
                f.attendees("attendees", MAX_PARTICIPANTS, MeetingResponses::normalise),
                f.oneOf("status", MEETING_STATUSES),
                sequence,
                updatedAt,
                f.email("mailbox"));
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
