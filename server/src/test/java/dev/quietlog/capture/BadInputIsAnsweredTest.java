package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.Api;
import dev.quietlog.support.ServerTest;
import dev.quietlog.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits and hostile input each get their status and a clear message, never a 500. */
class BadInputIsAnsweredTest extends ServerTest {
    static String rep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    @Test
    void more_than_500_events_is_413() {
        var events = Collections.nCopies(501, outboundEmail("many@mail.acme.com", "carla@globex.com", "x"));
        api.as(rep).body(batch(events)).post("/api/v1/captures").then().statusCode(413)
                .body("error.code", equalTo("too_large"))
                .body("error.message", containsString("at most 500"));
    }

    @Test
    void a_body_over_1_mib_is_413() {
        String padding = "x".repeat(1024 * 1024);
        api.as(rep).body("{\"pad\": \"" + padding + "\", \"events\": []}").post("/api/v1/captures").then().statusCode(413)
                .body("error.code", equalTo("too_large"));
    }

    @Test
    void a_100000_character_subject_is_stored_cut_with_a_note() {
        var e = outboundEmail("long@mail.acme.com", "carla@globex.com", "S".repeat(100_000));
        api.as(rep).body(batch(List.of(e))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"))
                .body("results[0].reason", equalTo("subject cut to 1000 characters"));
        assertEquals(1000, server.count("select length(subject) from interactions where participants @> "
                + "'[{\"email\": \"carla@globex.com\"}]' and subject like 'SSS%'"));
    }

    @Test
    void five_thousand_recipients_are_rejected_by_field_and_the_neighbour_is_stored() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(person("r" + i + "@globex.com", null));
        }
        var huge = with(outboundEmail("huge@mail.acme.com", "x@globex.com", "Blast"), "to", many);
        api.as(rep).body(batch(List.of(huge, outboundEmail("ok@mail.acme.com", "carla@globex.com", "Fine"))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo("events[0].to: more than 1000 entries"))
                .body("results[1].status", equalTo("stored"));
    }

    @Test
    void nul_bytes_are_dropped_from_text_and_refused_in_identifiers() {
        var e = with(with(outboundEmail("nul@mail.acme.com", "carla@globex.com", "Pri\u0000ce"),
                "snippet", "a\u0000b"), "threadId", "t\u0000");
        api.as(rep).body(batch(List.of(e, with(e, "threadId", "t-1")))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo("events[0].threadId: contains a NUL character"))
                .body("results[1].status", equalTo("stored"));
        assertEquals(1, server.count("select count(*) from interactions where subject = 'Price' and snippet = 'ab'"));
    }

    @Test
    void invalid_utf8_is_400_naming_the_body() {
        byte[] start = "{\"events\": [{\"type\": \"email\", \"subject\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + 2 + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xC3;
        body[start.length + 1] = (byte) 0x28; // not a continuation byte
        System.arraycopy(end, 0, body, start.length + 2, end.length);
        api.as(rep).body(body).post("/api/v1/captures").then().statusCode(400)
                .body("error.message", containsString("body: not valid UTF-8"));
    }

    @Test
    void a_wrong_content_type_is_415() {
        api.as(rep).contentType("application/x-www-form-urlencoded").body("events=1").post("/api/v1/captures")
                .then().statusCode(415).body("error.message", containsString("application/json"));
    }

    @Test
    void past_the_rate_limit_a_token_gets_429_with_retry_after() {
        // Six a minute: a burst of one, then one every ten seconds, so no refill lands mid-test.
        TestServer limited = TestServer.start(6);
        try {
            Api limitedApi = new Api(limited);
            String token = limitedApi.userWithToken("fast@acme.com", "Fast Rep", "rep");
            int status = 200;
            int sent = 0;
            while (status == 200 && sent < 100) {
                status = limitedApi.as(token).body(batch(List.of())).post("/api/v1/captures").statusCode();
                sent++;
            }
            assertEquals(429, status, "no 429 after " + sent + " requests");
            limitedApi.as(token).body(batch(List.of())).post("/api/v1/captures").then().statusCode(429)
                    .header("Retry-After", notNullValue())
                    .body("error.code", equalTo("rate_limited"));
            // Another token is not slowed down by this one.
            String other = limitedApi.userWithToken("calm@acme.com", "Calm Rep", "rep");
            limitedApi.as(other).body(batch(List.of())).post("/api/v1/captures").then().statusCode(200);
        } finally {
            limited.close();
        }
    }

    @Test
    void events_that_are_not_objects_are_rejected_each_on_its_own() {
        given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + rep).contentType("application/json")
                .body("{\"events\": [42, null, \"x\"]}").post("/api/v1/captures").then().statusCode(200)
                .body("results[0].reason", equalTo("events[0]: must be an object"))
                .body("results[1].status", equalTo("rejected"))
                .body("results[2].status", equalTo("rejected"));
    }
}
