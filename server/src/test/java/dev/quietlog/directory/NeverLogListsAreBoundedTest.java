package dev.quietlog.directory;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every capture is checked against the rep's never-log list, so its length is capped (the cap of
 * shared-policy/event-limits.json), and so is the number of participants of one event. What a
 * full list costs a capture is measured by scripts/bench-never-log.
 */
class NeverLogListsAreBoundedTest extends ServerTest {

    @Test
    void a_personal_list_over_the_cap_is_refused_naming_the_cap() {
        String rep = api.userWithToken("long@acme.com", "Long List", "rep");
        List<String> addresses = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            addresses.add("friend" + i + "@home.example");
            domains.add("club" + i + ".example");
        }
        api.as(rep).body(Map.of("addresses", addresses, "domains", domains)).put("/api/v1/me/never-log")
                .then().statusCode(200);
        domains.add("one-more.example");
        api.as(rep).body(Map.of("addresses", addresses, "domains", domains)).put("/api/v1/me/never-log")
                .then().statusCode(400)
                .body("error.message", equalTo("addresses, domains: at most 500 entries together, got 501"));
        // The full list still applies, subdomains included.
        api.as(rep).body(batch(List.of(with(with(outboundEmail("club@mail.acme.com", "cap@mail.club249.example", "Golf"),
                        "from", person("long@acme.com", null)), "mailbox", "long@acme.com"))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("skipped"))
                .body("results[0].reason", startsWith("never-log: cap@mail.club249.example"));
    }

    @Test
    void an_event_with_more_participants_than_the_cap_is_rejected() {
        String rep = api.userWithToken("crowd@acme.com", "Crowd Rep", "rep");
        List<Map<String, Object>> to = new ArrayList<>();
        List<Map<String, Object>> bcc = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            to.add(person("to" + i + "@globex.com", null));
            bcc.add(person("bcc" + i + "@globex.com", null));
        }
        api.as(rep).body(batch(List.of(with(with(with(with(outboundEmail("crowd@mail.acme.com", "x@globex.com", "Crowd"),
                        "from", person("crowd@acme.com", null)), "mailbox", "crowd@acme.com"), "to", to), "bcc", bcc))))
                .post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].reason", equalTo(
                        "events[0].to: more than 1000 participants in from, to, cc and bcc together"));
    }
}
