package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.ICalendarMeetings;
import dev.quietlog.support.ServerTest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real invitation chains (Thunderbird's iMIP test messages, a Zimbra calendar with moved
 * occurrences, a BlackBerry all-day invitation; see src/test/resources/calendar/SOURCES.md),
 * turned into meeting events the way a calendar connector would, and posted through the API in
 * order, reversed, shuffled, and all in one shuffled batch: the stored meetings always end as the
 * newest version describes. Two invited reps take turns posting, as their calendars sync.
 */
class InvitationChainReplayTest extends ServerTest {
    static String ann;
    static String bo;
    static String meg;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
        meg = api.userWithToken("meg@acme.com", "Meg Manager", "manager");
        api.manages("meg@acme.com", "rep@acme.com", "bo@acme.com");
        // The recorded invitations are between example.com and free-mail addresses.
        api.as(server.adminToken()).body(Map.of("allowFreeMail", true)).patch("/api/v1/admin/policy")
                .then().statusCode(200);
    }

    private static final Map<String, String> THUNDERBIRD_INVITEES =
            Map.of("receiver@example.com", "rep@acme.com", "other@example.com", "bo@acme.com");

    private static List<Map<String, Object>> chain(Map<String, String> invitees, Instant from, Instant to,
                                                   String... files) {
        ICalendarMeetings calendar = new ICalendarMeetings(invitees, ZoneId.of("Europe/Amsterdam"), from, to);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String f : files) {
            out.addAll(calendar.read(f));
        }
        return out;
    }

    /**
     * Posts the chain's versions in the named order, each run under its own iCalUID so runs do
     * not meet; answers the stored occurrences by RECURRENCE-ID ("" for a single meeting).
     */
    private static Map<String, Map<String, Object>> replay(List<Map<String, Object>> versions, String chain,
                                                           String order) {
        // Thunderbird's test messages share one UID; each chain and run gets its own.
        String uid = versions.get(0).get("iCalUid") + "#" + chain + "-" + order;
        List<Map<String, Object>> events = new ArrayList<>();
        for (Map<String, Object> v : versions) {
            Map<String, Object> e = new HashMap<>(v);
            e.put("iCalUid", uid);
            events.add(e);
        }
        if (order.equals("reversed")) {
            Collections.reverse(events);
        } else if (order.startsWith("shuffled-") || order.startsWith("one-batch-")) {
            Collections.shuffle(events, new Random(Long.parseLong(order.substring(order.lastIndexOf('-') + 1))));
        }
        if (order.startsWith("one-batch-")) {
            events.forEach(e -> e.put("mailbox", "rep@acme.com"));
            api.as(ann).body(batch(events)).post("/api/v1/captures").then().statusCode(200)
                    .body("results.status", not(org.hamcrest.Matchers.hasItem("rejected")));
        } else {
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> e = events.get(i);
                e.put("mailbox", i % 2 == 0 ? "rep@acme.com" : "bo@acme.com");
                api.as(i % 2 == 0 ? ann : bo).body(batch(List.of(e))).post("/api/v1/captures").then().statusCode(200)
                        .body("results[0].status", not(equalTo("rejected")));
            }
        }
        List<Map<String, Object>> feed = api.as(server.adminToken()).get("/api/v1/interactions?limit=500").then().statusCode(200)
                .extract().path("interactions");
        Map<String, Map<String, Object>> stored = new HashMap<>();
        for (Map<String, Object> item : feed) {
            if (uid.equals(item.get("iCalUid"))) {
                Object rid = item.get("recurrenceId");
                stored.put(rid == null ? "" : (String) rid, item);
            }
        }
        return stored;
    }

    private static void assertMeeting(Map<String, Object> item, String status, String startsAt, String endsAt,
                                      String order) {
        assertEquals(status, item.get("status"), order);
        assertEquals(startsAt, item.get("occurredAt"), order);
        assertEquals(endsAt, item.get("endsAt"), order);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reversed", "shuffled-1", "shuffled-2", "shuffled-3", "one-batch-4"})
    void a_meeting_cancelled_then_reinstated_and_moved_with_a_higher_sequence_ends_moved(String order) {
        // REQUEST (SEQUENCE 0, 11:00), CANCEL (1), REQUEST moved to 05:00 (2).
        var versions = chain(THUNDERBIRD_INVITEES, Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2023-01-01T00:00:00Z"), "calendar/imip/single-event.eml",
                "calendar/imip/cancel-single-event.eml", "calendar/imip/update-major.eml");
        var stored = replay(versions, "moved", order);
        assertEquals(1, stored.size(), order);
        assertMeeting(stored.get(""), "confirmed", "2022-03-16T05:00:00Z", "2022-03-16T05:30:00Z", order);
        assertEquals("Single Event", stored.get("").get("subject"), order);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reversed", "one-batch-5"})
    void a_cancelled_meeting_stays_cancelled(String order) {
        var versions = chain(THUNDERBIRD_INVITEES, Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2023-01-01T00:00:00Z"), "calendar/imip/single-event.eml",
                "calendar/imip/cancel-single-event.eml");
        var stored = replay(versions, "cancelled", order);
        assertMeeting(stored.get(""), "cancelled", "2022-03-16T11:00:00Z", "2022-03-16T11:30:00Z", order);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reversed", "shuffled-1", "shuffled-2", "shuffled-3", "one-batch-4"})
    void a_series_with_one_occurrence_moved_then_the_series_cancelled(String order) {
        // A daily series of three (SEQUENCE 0), its second occurrence moved (RECURRENCE-ID, 2),
        // then the series cancelled (1) with that occurrence excepted (EXDATE).
        var versions = chain(THUNDERBIRD_INVITEES, Instant.parse("2022-01-01T00:00:00Z"),
                Instant.parse("2023-01-01T00:00:00Z"), "calendar/imip/repeat-event.eml",
                "calendar/imip/exception-major.eml", "calendar/imip/cancel-repeat-event.eml");
        var stored = replay(versions, "series", order);
        assertEquals(3, stored.size(), order);
        assertMeeting(stored.get("2022-03-16T11:00:00Z"), "cancelled", "2022-03-16T11:00:00Z", "2022-03-16T11:30:00Z", order);
        assertMeeting(stored.get("2022-03-17T11:00:00Z"), "confirmed", "2022-03-17T05:00:00Z", "2022-03-17T05:30:00Z", order);
        assertMeeting(stored.get("2022-03-18T11:00:00Z"), "cancelled", "2022-03-18T11:00:00Z", "2022-03-18T11:30:00Z", order);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "reversed", "shuffled-1", "shuffled-2", "one-batch-3"})
    void a_zimbra_series_keeps_its_two_moved_occurrences(String order) {
        // A monthly series with extra dates (RDATE) and excluded ones (EXDATE), two occurrences of
        // which were moved (SEQUENCE 1), one named by its local original start, one in UTC.
        var versions = chain(Map.of("calmozilla1@gmail.com", "rep@acme.com", "james@lightsofapollo.com", "bo@acme.com"),
                Instant.parse("2012-09-01T00:00:00Z"), Instant.parse("2013-01-01T00:00:00Z"),
                "calendar/ics/recur_instances.ics");
        var stored = replay(versions, "zimbra", order);
        long occurrences = versions.stream().map(v -> v.get("recurrenceId")).distinct().count();
        assertEquals(occurrences, stored.size(), order);
        assertMeeting(stored.get("2012-10-02T17:00:00Z"), "confirmed", "2012-10-02T22:00:00Z", "2012-10-02T22:30:00Z", order);
        assertMeeting(stored.get("2012-11-05T18:00:00Z"), "confirmed", "2012-11-07T04:00:00Z", "2012-11-07T04:30:00Z", order);
        assertMeeting(stored.get("2012-11-06T18:00:00Z"), "confirmed", "2012-11-06T18:00:00Z", "2012-11-06T18:30:00Z", order);
        assertFalse(stored.containsKey("2012-12-04T18:00:00Z"), order + ": 4 December is an EXDATE");
    }

    @Test
    void an_all_day_invitation_is_stored_as_that_day_in_the_readers_time_zone() {
        var versions = chain(Map.of("rembrand@daxlab.com", "rep@acme.com"), Instant.parse("2012-01-01T00:00:00Z"),
                Instant.parse("2013-01-01T00:00:00Z"), "calendar/ics/property_params.ics");
        var stored = replay(versions, "all-day", "in-order");
        Map<String, Object> m = stored.get("");
        assertMeeting(m, "confirmed", "2012-08-13T22:00:00Z", "2012-08-14T22:00:00Z", "all-day");
        assertTrue((Boolean) m.get("allDay"));
        assertEquals("Europe/Amsterdam", m.get("timeZone"));
    }
}
