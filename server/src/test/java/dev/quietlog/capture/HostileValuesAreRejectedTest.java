package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A value that cannot belong (a control character in an address or name, a time outside
 * 1970-2100, a huge sequence) rejects its own event, named by field, and never the batch; a value
 * only the database refuses is rejected the same way; elsewhere it is a 400, never a 500.
 */
class HostileValuesAreRejectedTest extends ServerTest {
    static String rep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
    }

    private static int seq;

    private static Map<String, Object> email() {
        return outboundEmail("hostile-" + (seq++) + "@mail.acme.com", "carla@globex.com", "Fine");
    }

    @Test
    void control_characters_in_addresses_and_names_reject_the_event_and_its_neighbour_is_stored() {
        api.as(rep).body(batch(List.of(
                        with(email(), "to", List.of(person("car\u0000la@globex.com", null))),
                        with(email(), "cc", List.of(person("bell\u0007@globex.com", null))),
                        with(email(), "from", person("rep@acme.com", "Ann\u0000Rep")),
                        with(email(), "to", List.of(person("carla@globex.com", "Carla\u001b[31m"))),
                        with(email(), "threadId", "thread\u0001"),
                        with(email(), "to", List.of(person("carla@globex.com", "Carla\r\n\tGlobex"))))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo("events[0].to[0].email: not a valid email address"))
                .body("results[1].reason", equalTo("events[1].cc[0].email: not a valid email address"))
                .body("results[2].reason", equalTo("events[2].from.name: contains a control character"))
                .body("results[3].reason", equalTo("events[3].to[0].name: contains a control character"))
                .body("results[4].reason", equalTo("events[4].threadId: contains a control character"))
                .body("results[5].status", equalTo("stored"));
        assertEquals(1, server.count("select count(*) from interactions "
                + "where participants @> '[{\"email\": \"carla@globex.com\", \"name\": \"Carla Globex\"}]'"));
    }

    @Test
    void every_time_outside_1970_to_2100_is_rejected_naming_the_field() {
        var m = meeting("time@google.com", "carla@globex.com", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
        api.as(rep).body(batch(List.of(
                        with(email(), "occurredAt", "0000-01-01T00:00:00Z"),
                        with(email(), "occurredAt", "-0001-06-01T00:00:00Z"),
                        with(email(), "occurredAt", "+10000-01-01T00:00:00Z"),
                        with(email(), "occurredAt", "1969-12-31T23:59:59Z"),
                        with(with(m, "startsAt", "2100-01-01T00:00:00Z"), "endsAt", "2100-01-01T01:00:00Z"),
                        with(m, "updatedAt", "0000-01-01T00:00:00Z"),
                        with(m, "recurrenceId", "9999-12-31"),
                        with(m, "sequence", Integer.MAX_VALUE),
                        email())))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].reason", equalTo(
                        "events[0].occurredAt: must be from 1970-01-01T00:00:00Z and before 2100-01-01T00:00:00Z"))
                .body("results[1].reason", startsWith("events[1].occurredAt: must be from 1970"))
                .body("results[2].reason", startsWith("events[2].occurredAt: must be from 1970"))
                .body("results[3].reason", startsWith("events[3].occurredAt: must be from 1970"))
                .body("results[4].reason", startsWith("events[4].startsAt: must be from 1970"))
                .body("results[5].reason", startsWith("events[5].updatedAt: must be from 1970"))
                .body("results[6].reason", startsWith("events[6].recurrenceId: must be from 1970"))
                .body("results[7].reason", equalTo("events[7].sequence: must be at most 1000000"))
                .body("results[8].status", equalTo("stored"));
    }

    @Test
    void a_value_only_the_database_refuses_rejects_that_event_alone() {
        // Stands in for any data error validation did not foresee (SQLSTATE class 22).
        server.database().jdbi().useHandle(h -> h.execute("""
                create function refuse_poison() returns trigger language plpgsql as $$
                begin
                    if new.subject = 'poison' then
                        raise exception 'poisoned value' using errcode = '22023';
                    end if;
                    return new;
                end $$;
                create trigger refuse_poison before insert on interactions
                for each row execute function refuse_poison();"""));
        try {
            api.as(rep).body(batch(List.of(
                            outboundEmail("before-poison@mail.acme.com", "carla@globex.com", "Before"),
                            outboundEmail("poison@mail.acme.com", "carla@globex.com", "poison"),
                            outboundEmail("after-poison@mail.acme.com", "dana@hooli.com", "After"))))
                    .post("/api/v1/captures").then().statusCode(200)
                    .body("results[0].status", equalTo("stored"))
                    .body("results[1].status", equalTo("rejected"))
                    .body("results[1].reason", equalTo("events[1]: a value the database cannot store (SQLSTATE 22023)"))
                    .body("results[2].status", equalTo("stored"));
            assertEquals(2, server.count("select count(*) from interactions where subject in ('Before', 'After')"));
            assertEquals(0, server.count("select count(*) from interaction_keys where dedup_key = 'email:mid:poison@mail.acme.com'"));
        } finally {
            server.database().jdbi().useHandle(h -> h.execute("drop trigger refuse_poison on interactions"));
        }
    }

    @Test
    void admin_and_never_log_endpoints_answer_400_naming_the_field() {
        api.as(rep).body(Map.of("addresses", List.of("a\u0000b@globex.com"))).put("/api/v1/me/never-log")
                .then().statusCode(400).body("error.message", equalTo("addresses[0]: contains a control character"));
        api.as(rep).body(Map.of("domains", List.of("fam\u0000ily.net"))).put("/api/v1/me/never-log")
                .then().statusCode(400).body("error.message", equalTo("domains[0]: contains a control character"));
        api.as(server.adminToken()).body(Map.of("neverLog", Map.of("addresses", List.of("x\u0000@globex.com"))))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", equalTo("neverLog.addresses[0]: contains a control character"));
        api.as(server.adminToken()).body(Map.of("internalDomains", List.of("acme.com\u0000")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", equalTo("internalDomains[0]: contains a control character"));
        api.as(server.adminToken()).body(Map.of("email", "n\u0000b@acme.com", "name", "Nul", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(400)
                .body("error.message", equalTo("email: not a valid email address"));
        api.as(server.adminToken()).body(Map.of("email", "ctl@acme.com", "name", "Ctl\u0007", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(400)
                .body("error.message", equalTo("name: contains a control character"));
        api.as(server.adminToken()).body(Map.of("email", "t\u0000@acme.com")).post("/api/v1/admin/tokens")
                .then().statusCode(400);
        api.as(rep).get("/api/v1/contacts/{email}/summary", "a\u0000b@globex.com").then().statusCode(400);
    }

    @Test
    void a_data_error_outside_captures_is_a_400_not_a_500() {
        server.database().jdbi().useHandle(h -> h.execute("""
                create function refuse_poison_domain() returns trigger language plpgsql as $$
                begin
                    if new.value = 'poison.example' then
                        raise exception 'poisoned value' using errcode = '22001';
                    end if;
                    return new;
                end $$;
                create trigger refuse_poison_domain before insert on user_never_log
                for each row execute function refuse_poison_domain();"""));
        api.as(rep).body(Map.of("domains", List.of("poison.example"))).put("/api/v1/me/never-log")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", startsWith("body: a value the database cannot store (SQLSTATE 22001)"));
    }
}
