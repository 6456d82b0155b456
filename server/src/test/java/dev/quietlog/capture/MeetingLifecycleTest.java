package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.attendee;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A meeting is keyed by iCalUID (+ RECURRENCE-ID): moving or cancelling it updates the stored one. */
class MeetingLifecycleTest extends ServerTest {
    static String rep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    private String post(Map<String, Object> event, String expectedStatus) {
        return api.as(rep).body(batch(List.of(event))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo(expectedStatus))
                .extract().path("results[0].interactionId");
    }

    @Test
    void a_meeting_moved_and_then_cancelled_stays_one_interaction_with_its_latest_state() {
        var m = meeting("abc123@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
        String id = post(m, "stored");
        assertEquals(id, post(m, "duplicate"));

        var moved = with(with(m, "startsAt", "2026-12-03T09:30:00Z"), "endsAt", "2026-12-03T10:15:00Z");
        assertEquals(id, post(moved, "updated"));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid", id));
        assertEquals(45 * 60, server.count(
                "select extract(epoch from ends_at - occurred_at)::bigint from interactions where id = ?::uuid", id));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid "
                + "and occurred_at = '2026-12-03T09:30:00Z'", id));

        var cancelled = with(moved, "status", "cancelled");
        assertEquals(id, post(cancelled, "updated"));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid and status = 'cancelled'", id));
        assertEquals(id, post(cancelled, "duplicate"));
    }

    @Test
    void an_older_version_captured_late_does_not_undo_a_newer_move() {
        var v1 = with(with(attendee(meeting("versioned@google.com", "carla@globex.com", "2026-12-05T15:00:00Z",
                "2026-12-05T16:00:00Z"), "late@acme.com", "accepted"), "sequence", 1), "updatedAt", "2026-11-20T08:00:00Z");
        String id = post(v1, "stored");
        var v2 = with(with(with(with(v1, "sequence", 2), "updatedAt", "2026-11-21T08:00:00Z"),
                "startsAt", "2026-12-06T15:00:00Z"), "endsAt", "2026-12-06T16:00:00Z");
        assertEquals(id, post(v2, "updated"));
        // Another rep's calendar still held version 1 and syncs it now.
        String bo = api.userWithToken("late@acme.com", "Late Rep", "rep");
        api.as(bo).body(batch(List.of(seenBy("late@acme.com", v1)))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
        assertEquals(1, server.count("select count(*) from interactions where id = ?::uuid "
                + "and occurred_at = '2026-12-06T15:00:00Z' and source_sequence = 2", id));
        // Same sequence, later modification time: a newer version after all.
        var v2b = with(with(v2, "updatedAt", "2026-11-22T08:00:00Z"), "status", "cancelled");
        assertEquals(id, post(v2b, "updated"));
    }

    @Test
    void occurrences_of_a_series_are_told_apart_by_their_recurrence_id() {
        var first = with(meeting("weekly@google.com", "dana@hooli.com", "2026-12-07T10:00:00Z", "2026-12-07T10:30:00Z"),
                "recurrenceId", "2026-12-07T10:00:00Z");
        var second = with(with(with(first, "recurrenceId", "2026-12-14T11:00:00+01:00"),
                "startsAt", "2026-12-14T10:00:00Z"), "endsAt", "2026-12-14T10:30:00Z");
        String a = post(first, "stored");
        String b = post(second, "stored");
        org.junit.jupiter.api.Assertions.assertNotEquals(a, b);
        // The same occurrence named with another offset is the same occurrence.
        assertEquals(b, post(with(second, "recurrenceId", "2026-12-14T10:00:00Z"), "duplicate"));
    }

    @Test
    void an_attendee_sees_the_same_meeting_as_one_interaction() {
        String bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
        var m = attendee(meeting("shared@google.com", "erin@initech.com", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"),
                "bo@acme.com", "accepted");
        String id = post(m, "stored");
        api.as(bo).body(batch(List.of(seenBy("bo@acme.com", m)))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"))
                .body("results[0].interactionId", equalTo(id));
        assertEquals(1, server.count("select count(*) from interaction_links where interaction_id = ?::uuid "
                + "and direction = 'attendee'", id));
    }

    @Test
    void bad_meeting_fields_are_named() {
        var m = meeting("bad@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
        for (var c : Map.ofEntries(
                Map.entry("events[0].endsAt: is before startsAt", with(m, "endsAt", "2026-12-01T14:00:00Z")),
                Map.entry("events[0].iCalUid: required", with(m, "iCalUid", null)),
                Map.entry("events[0].status: must be one of", with(m, "status", "maybe")),
                Map.entry("events[0].attendees[0].response: must be one of", with(m, "attendees",
                        List.of(Map.of("email", "carla@globex.com", "response", "perhaps")))),
                Map.entry("events[0].source: must be one of", with(m, "source", "gmail")),
                Map.entry("events[0].sequence: must be a whole number", with(m, "sequence", -1)),
                Map.entry("events[0].sequence: more than 1000000", with(m, "sequence", 1_000_001)),
                Map.entry("events[0].startsAt: must be from", with(m, "startsAt", "1969-12-31T23:00:00Z")),
                Map.entry("events[0].endsAt: must be from", with(m, "endsAt", "2100-01-01T00:00:00Z")),
                Map.entry("events[0].recurrenceId: must be from", with(m, "recurrenceId", "0001-01-01")),
                Map.entry("events[0].mailbox: required", with(m, "mailbox", null)),
                Map.entry("events[0].updatedAt: not an ISO-8601 instant", with(m, "updatedAt", "last week"))).entrySet()) {
            api.as(rep).body(batch(List.of(c.getValue()))).post("/api/v1/captures").then().statusCode(200)
                    .body("results[0].status", equalTo("rejected"))
                    .body("results[0].reason", containsString(c.getKey()));
        }
    }
}
