package dev.quietlog.capture;

/**
 * Someone who took part in an interaction, in the role they had: from, to or cc on an email,
 * organizer or attendee (with their response) on a meeting.
 */
public record Participant(String email, String name, String role, String response) {
    static Participant of(Address a, String role) {
        return new Participant(a.email(), a.name(), role, null);
    }
}
