package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns one JSON event into a validated event, or a reason naming the field that is wrong. */
final class EventParser {
    private static final EventLimits LIMITS = EventLimits.get();

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
        int maxParticipants = LIMITS.maxParticipantsPerEvent();
        String messageId = f.optionalId("messageId", LIMITS.maxMessageIdChars());
        List<Address> to = f.addresses("to", maxParticipants);
        List<Address> cc = f.addresses("cc", maxParticipants);
        List<Address> bcc = f.addresses("bcc", maxParticipants);
        if (1 + to.size() + cc.size() + bcc.size() > maxParticipants) {
            throw new InvalidField(f.path("to"), "more than " + maxParticipants
                    + " participants in from, to, cc and bcc together");
        }
        return new EmailEvent(
                f.oneOf("source", LIMITS.emailSources()),
                f.requiredId("sourceId", LIMITS.maxEmailSourceIdChars()),
                messageId == null ? null : normaliseMessageId(messageId),
                f.optionalId("threadId", LIMITS.maxThreadIdChars()),
                f.oneOf("direction", LIMITS.directions()),
                f.instant("occurredAt"),
                f.address("from"),
                to,
                cc,
                bcc,
                f.text("subject", LIMITS.maxSubjectChars()),
                f.text("snippet", LIMITS.maxSnippetChars()),
                f.mailbox("mailbox"));
    }

    private static MeetingEvent meeting(EventFields f) {
        String source = f.oneOf("source", LIMITS.meetingSources());
        String sourceId = f.requiredId("sourceId", LIMITS.maxMeetingIdChars());
        String iCalUid = f.requiredId("iCalUid", LIMITS.maxMeetingIdChars());
        String recurrenceId = f.optionalInstant("recurrenceId");
        MeetingTimes times = MeetingTimes.read(f, LIMITS);
        Integer sequence = f.optionalCount("sequence", LIMITS.maxSequence());
        Instant updatedAt = f.optionalInstantValue("updatedAt");
        if (updatedAt != null && !LIMITS.inRange(updatedAt)) {
            throw new InvalidField(f.path("updatedAt"), MeetingTimes.outOfRange(LIMITS));
        }
        List<Participant> attendees = f.attendees("attendees", LIMITS.maxParticipantsPerEvent(),
                MeetingResponses::normalise);
        if (1 + attendees.size() > LIMITS.maxParticipantsPerEvent()) {
            throw new InvalidField(f.path("attendees"), "more than " + LIMITS.maxParticipantsPerEvent()
                    + " participants with the organizer");
        }
        return new MeetingEvent(source, sourceId, iCalUid, recurrenceId, times.startsAt(), times.endsAt(),
                times.allDay(), times.timeZone(),
                f.text("title", LIMITS.maxSubjectChars()),
                f.address("organizer"),
                attendees,
                f.oneOf("status", LIMITS.meetingStatuses()),
                sequence,
                updatedAt,
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
