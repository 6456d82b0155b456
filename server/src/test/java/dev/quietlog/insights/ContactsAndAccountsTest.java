package dev.quietlog.insights;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.inboundEmail;
import static dev.quietlog.support.Events.meeting;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.ServerTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contacts and accounts are built from external participants, and summarised for the in-email panel. */
class ContactsAndAccountsTest extends ServerTest {
    static String ann;
    static String bo;
    static String manager;

    @BeforeAll
    static void createUsers() {
        ann = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        bo = api.userWithToken("bo@acme.com", "Bo Rep", "rep");
        manager = api.userWithToken("boss@acme.com", "Meg Manager", "manager");
        // Meg manages a team with both reps in it: a manager sees their team's touches.
        api.as(server.adminToken()).body(java.util.Map.of("name", "Sales")).post("/api/v1/admin/teams").then().statusCode(201);
        for (String member : List.of("boss@acme.com:managers", "rep@acme.com:reps", "bo@acme.com:reps")) {
            String[] m = member.split(":");
            api.as(server.adminToken()).body(java.util.Map.of("email", m[0])).post("/api/v1/admin/teams/Sales/" + m[1])
                    .then().statusCode(200);
        }

        // Ann: an email to Nina (no name yet), a reply from her (with her name), a meeting with her.
        api.as(ann).body(batch(List.of(
                with(outboundEmail("c1@mail.acme.com", "nina@mail.wonka.co.uk", "Intro"),
                        "cc", List.of(person("ops@acme.com", "Ops"), person("noreply@wonka.co.uk", null))),
                with(inboundEmail("c2@wonka", "nina@mail.wonka.co.uk", "rep@acme.com", "Re: Intro"),
                        "from", person("nina@mail.wonka.co.uk", "Nina Wonka")),
                meeting("c3@google.com", "nina@mail.wonka.co.uk", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"))))
                .post("/api/v1/captures").then().statusCode(200);
        // Bo: one email to Nina's colleague at the same company.
        api.as(bo).body(batch(List.of(
                seenBy("bo@acme.com", with(outboundEmail("c4@mail.acme.com", "otto@wonka.co.uk", "Pricing"),
                        "from", person("bo@acme.com", "Bo"))))))
                .post("/api/v1/captures").then().statusCode(200);
    }

    @Test
    void an_account_is_the_registrable_domain_under_the_public_suffix_list() {
        assertEquals(1, server.count("select count(*) from accounts where domain = 'wonka.co.uk'"));
        assertEquals(0, server.count("select count(*) from accounts where domain in ('mail.wonka.co.uk', 'co.uk')"));
        assertEquals(1, server.count("select count(*) from contacts where email = 'nina@mail.wonka.co.uk' "
                + "and account_domain = 'wonka.co.uk'"));
    }

    @Test
    void colleagues_and_role_addresses_do_not_become_contacts() {
        assertEquals(0, server.count("select count(*) from contacts where email in ('ops@acme.com', 'noreply@wonka.co.uk', 'rep@acme.com')"));
    }

    @Test
    void a_better_display_name_replaces_an_empty_one() {
        assertEquals(1, server.count("select count(*) from contacts where email = 'nina@mail.wonka.co.uk' and name = 'Nina Wonka'"));
    }

    @Test
    void the_summary_shows_the_contact_the_account_counts_and_last_touches() {
        api.as(manager).get("/api/v1/contacts/{email}/summary", "Nina@Mail.Wonka.co.uk").then().statusCode(200)
                .body("contact.email", equalTo("nina@mail.wonka.co.uk"))
                .body("contact.name", equalTo("Nina Wonka"))
                .body("contact.account", equalTo("wonka.co.uk"))
                .body("counts.emails", equalTo(2))
                .body("counts.meetings", equalTo(1))
                .body("counts.total", equalTo(3))
                .body("lastTouches", hasSize(3))
                .body("lastTouches[0].reps[0].email", equalTo("rep@acme.com"))
                .body("account.domain", equalTo("wonka.co.uk"))
                .body("account.contacts", equalTo(2))
                .body("account.counts.total", equalTo(4));
    }

    @Test
    void a_rep_sees_only_their_own_touches_in_the_summary() {
        api.as(bo).get("/api/v1/contacts/{email}/summary", "otto@wonka.co.uk").then().statusCode(200)
                .body("counts.total", equalTo(1))
                .body("account.counts.total", equalTo(1));
        api.as(bo).get("/api/v1/contacts/{email}/summary", "nina@mail.wonka.co.uk").then().statusCode(404);
        api.as(ann).get("/api/v1/contacts/{email}/summary", "nina@mail.wonka.co.uk").then().statusCode(200)
                .body("account.counts.total", equalTo(3));
    }

    @Test
    void an_unknown_contact_is_404_and_a_bad_address_400() {
        api.as(manager).get("/api/v1/contacts/{email}/summary", "nobody@nowhere.com").then().statusCode(404)
                .body("error.message", equalTo("no contact nobody@nowhere.com"));
        api.as(manager).get("/api/v1/contacts/{email}/summary", "not-an-email").then().statusCode(400)
                .body("error.message", equalTo("email: not a valid email address"));
    }

    @Test
    void a_moved_meeting_moves_in_the_contact_timeline() {
        var m = meeting("move-me@google.com", "vera@veridian.com", "2026-10-01T10:00:00Z", "2026-10-01T11:00:00Z");
        api.as(ann).body(batch(List.of(m))).post("/api/v1/captures").then().statusCode(200);
        api.as(ann).body(batch(List.of(with(with(m, "startsAt", "2026-10-08T10:00:00Z"), "endsAt", "2026-10-08T11:00:00Z"))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("updated"));
        api.as(ann).get("/api/v1/contacts/{email}/summary", "vera@veridian.com").then().statusCode(200)
                .body("counts.total", equalTo(1))
                .body("counts.lastTouchAt", equalTo("2026-10-08T10:00:00Z"))
                .body("lastTouches[0].endsAt", equalTo("2026-10-08T11:00:00Z"))
                .body("account.counts.firstTouchAt", equalTo("2026-10-08T10:00:00Z"));
    }
}
