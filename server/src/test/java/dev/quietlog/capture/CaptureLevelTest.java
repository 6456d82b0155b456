package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.Api;
import dev.quietlog.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an org's capture level excludes is never stored. */
class CaptureLevelTest {
    TestServer server;
    Api api;
    String rep;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = new Api(server);
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void level(String level) {
        api.as(server.adminToken()).body(Map.of("captureLevel", level)).patch("/api/v1/admin/policy")
                .then().statusCode(200).body("captureLevel", equalTo(level));
    }

    private void capture() {
        api.as(rep).body(batch(List.of(
                        outboundEmail("lvl@mail.acme.com", "carla@globex.com", "Secret pricing"),
                        meeting("lvl@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results.status", equalTo(List.of("stored", "stored")));
    }

    @Test
    void a_metadata_org_stores_no_subject_and_no_snippet() {
        level("metadata");
        capture();
        assertEquals(2, server.count("select count(*) from interactions"));
        assertEquals(0, server.count("select count(*) from interactions where subject is not null or snippet is not null"));
    }

    @Test
    void a_subject_org_stores_subjects_but_no_snippet() {
        level("subject");
        capture();
        assertEquals(1, server.count("select count(*) from interactions where subject = 'Secret pricing'"));
        assertEquals(0, server.count("select count(*) from interactions where snippet is not null"));
    }

    @Test
    void the_default_level_stores_subject_and_snippet() {
        capture();
        assertEquals(1, server.count("select count(*) from interactions where subject = 'Secret pricing' "
                + "and snippet = 'Hello, following up on our call'"));
    }
}
