package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.ServerTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An all-day meeting (a trade-show day, an on-site visit) comes as dates in the calendar's time
 * zone; it is stored as the midnights that bound it there.
 */
class AllDayMeetingTest extends ServerTest {
    static String ann;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    private static Map<String, Object> allDay(String iCalUid, String startDate, String endDate, String zone) {
        Map<String, Object> m = new HashMap<>(meeting(iCalUid, "carla@globex.com", null, null));
        m.remove("startsAt");
        m.remove("endsAt");
        m.put("allDay", true);
        m.put("startDate", startDate);
        m.put("endDate", endDate);
        m.put("timeZone", zone);
        return m;
    }

    @Test
    void an_all_day_meeting_is_stored_as_its_days_in_its_time_zone() {
        String id = api.as(ann).body(batch(List.of(allDay("site-visit@google.com", "2026-12-24", "2026-12-26",
                        "Australia/Sydney")))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored")).extract().path("results[0].interactionId");
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.find { it.id == '" + id + "' }.occurredAt", equalTo("2026-12-23T13:00:00Z"))
                .body("interactions.find { it.id == '" + id + "' }.endsAt", equalTo("2026-12-25T13:00:00Z"))
                .body("interactions.find { it.id == '" + id + "' }.allDay", equalTo(true))
                .body("interactions.find { it.id == '" + id + "' }.timeZone", equalTo("Australia/Sydney"));
    }

    @Test
    void a_timed_meeting_made_all_day_is_updated() {
        var timed = meeting("becomes-all-day@google.com", "carla@globex.com", "2026-12-14T09:00:00Z", "2026-12-14T10:00:00Z");
        String id = api.as(ann).body(batch(List.of(timed))).post("/api/v1/captures").then().statusCode(200)
                .extract().path("results[0].interactionId");
        api.as(ann).body(batch(List.of(allDay("becomes-all-day@google.com", "2026-12-14", "2026-12-15", "Europe/London"))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("updated"))
                .body("results[0].interactionId", equalTo(id));
        api.as(ann).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.find { it.id == '" + id + "' }.occurredAt", equalTo("2026-12-14T00:00:00Z"))
                .body("interactions.find { it.id == '" + id + "' }.allDay", equalTo(true));
    }

    @Test
    void bad_all_day_fields_are_named() {
        var ok = allDay("bad-all-day@google.com", "2026-12-24", "2026-12-25", "Europe/Berlin");
        for (var c : Map.of(
                "events[0].timeZone: not an IANA time zone", with(ok, "timeZone", "Mars/Olympus_Mons"),
                "events[0].timeZone: required", with(ok, "timeZone", null),
                "events[0].startDate: required", with(ok, "startDate", null),
                "events[0].endDate: not an ISO-8601 date", with(ok, "endDate", "24/12/2026"),
                "events[0].endDate: must be after startDate", with(ok, "endDate", "2026-12-24"),
                "events[0].allDay: must be true or false", with(ok, "allDay", "yes"),
                "events[0].startDate: must lie between", with(ok, "startDate", "1969-12-30")).entrySet()) {
            api.as(ann).body(batch(List.of(c.getValue()))).post("/api/v1/captures").then().statusCode(200)
                    .body("results[0].status", equalTo("rejected"))
                    .body("results[0].reason", startsWith(c.getKey()));
        }
    }
}
