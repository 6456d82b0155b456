package dev.quietlog.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Wire-contract events for tests, with sensible defaults and one field changed at a time. */
public final class Events {
    private Events() {
    }

    public static Map<String, Object> person(String email, String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("email", email);
        p.put("name", name);
        return p;
    }

    /** An email from rep@acme.com to a customer, identified by its Message-ID, seen in rep@acme.com's mailbox. */
    public static Map<String, Object> outboundEmail(String messageId, String to, String subject) {
        Map<String, Object> e = new HashMap<>();
        e.put("type", "email");
        e.put("source", "gmail");
        e.put("sourceId", "msg-f:" + Math.abs(messageId.hashCode()));
        e.put("messageId", "<" + messageId + ">");
        e.put("threadId", "thread-f:1");
        e.put("direction", "outbound");
        e.put("occurredAt", "2026-11-20T10:15:00Z");
        e.put("from", person("rep@acme.com", "Ann Rep"));
        e.put("to", List.of(person(to, null)));
        e.put("cc", List.of());
        e.put("subject", subject);
        e.put("snippet", "Hello, following up on our call");
        e.put("mailbox", "rep@acme.com");
        return e;
    }

    /** An email a customer sent to the given rep, seen in that rep's mailbox. */
    public static Map<String, Object> inboundEmail(String messageId, String from, String repEmail, String subject) {
        Map<String, Object> e = outboundEmail(messageId, repEmail, subject);
        e.put("direction", "inbound");
        e.put("from", person(from, null));
        e.put("sourceId", "msg-f:in-" + Math.abs((messageId + repEmail).hashCode()));
        e.put("mailbox", repEmail);
        return e;
    }

    /** A one-hour meeting organised by rep@acme.com with one customer, seen in rep@acme.com's calendar. */
    public static Map<String, Object> meeting(String iCalUid, String customer, String startsAt, String endsAt) {
        Map<String, Object> e = new HashMap<>();
        e.put("type", "meeting");
        e.put("source", "google-calendar");
        e.put("sourceId", "evt-" + Math.abs(iCalUid.hashCode()));
        e.put("iCalUid", iCalUid);
        e.put("recurrenceId", null);
        e.put("startsAt", startsAt);
        e.put("endsAt", endsAt);
        e.put("title", "Quarterly review");
        e.put("organizer", person("rep@acme.com", "Ann Rep"));
        Map<String, Object> attendee = person(customer, "Carla Customer");
        attendee.put("response", "accepted");
        e.put("attendees", List.of(attendee));
        e.put("status", "confirmed");
        e.put("mailbox", "rep@acme.com");
        return e;
    }

    /** The same event as another rep's extension sends it: seen in that rep's mailbox. */
    public static Map<String, Object> seenBy(String mailbox, Map<String, Object> event) {
        return with(event, "mailbox", mailbox);
    }

    /** The meeting with this attendee added, or their response changed if they were on it. */
    public static Map<String, Object> attendee(Map<String, Object> meeting, String email, String response) {
        List<Object> attendees = new java.util.ArrayList<>((List<?>) meeting.get("attendees"));
        int at = -1;
        for (int i = 0; i < attendees.size(); i++) {
            if (email.equals(((Map<?, ?>) attendees.get(i)).get("email"))) {
                at = i;
            }
        }
        Map<String, Object> a = person(email, null);
        a.put("response", response);
        if (at >= 0) {
            attendees.set(at, a);
        } else {
            attendees.add(a);
        }
        return with(meeting, "attendees", attendees);
    }

    public static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(event);
        copy.put(field, value);
        return copy;
    }
}
