package dev.quietlog.capture;

import java.util.Map;

/**
 * An attendee's answer, as Google Calendar (responseStatus), Microsoft Graph
 * (status.response) and iCalendar (PARTSTAT) name it, reduced to the four Quietlog stores.
 * The extension maps them already; the server takes the providers' names too, because old or
 * other clients send them.
 */
final class MeetingResponses {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("accepted", "accepted"),
            Map.entry("declined", "declined"),
            Map.entry("tentative", "tentative"),
            Map.entry("none", "none"),
            Map.entry("needsAction", "none"),
            Map.entry("tentativelyAccepted", "tentative"),
            Map.entry("notResponded", "none"),
            Map.entry("organizer", "accepted"));

    private MeetingResponses() {
    }

    /** The stored answer, or null when the name is none of the known ones. */
    static String normalise(String wire) {
        return NAMES.get(wire);
    }

    static String known() {
        return "accepted, declined, tentative, none";
    }
}
