package dev.quietlog.capture;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.Api;
import dev.quietlog.support.ServerTest;
import dev.quietlog.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each reason a capture is not a customer interaction, as the server answers it. */
class CustomerClassificationTest extends ServerTest {
    static String rep;
    static String otherRep;

    @BeforeAll
    static void createUsers() {
        rep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        otherRep = api.userWithToken("rep2@acme.com", "Bo Rep", "rep");
        api.as(server.adminToken())
                .body(Map.of("neverLog", Map.of("addresses", List.of("lawyer@counsel.com"), "domains", List.of("family.net"))))
                .patch("/api/v1/admin/policy").then().statusCode(200);
        api.as(rep).body(Map.of("addresses", List.of("friend@initech.com"), "domains", List.of("golfclub.org")))
                .put("/api/v1/me/never-log").then().statusCode(200);
    }

    private static void expect(String token, Map<String, Object> event, String status, String reasonStart) {
        var then = api.as(token).body(batch(List.of(event))).post("/api/v1/captures")
                .then().statusCode(200).body("results[0].status", equalTo(status));
        if (reasonStart != null) {
            then.body("results[0].reason", startsWith(reasonStart));
        }
    }

    private static int seq;

    private static Map<String, Object> emailTo(String to) {
        return outboundEmail("class-" + (seq++) + "@mail.acme.com", to, "Hello");
    }

    @Test
    void mail_among_colleagues_is_internal() {
        expect(rep, emailTo("colleague@acme.com"), "skipped", "internal:");
        expect(rep, emailTo("colleague@uk.acme.com"), "skipped", "internal:");
    }

    @Test
    void an_address_on_the_orgs_never_log_list_keeps_the_whole_email_out() {
        expect(rep, with(emailTo("buyer@globex.com"), "cc", List.of(person("lawyer@counsel.com", null))),
                "skipped", "never-log: lawyer@counsel.com");
    }

    @Test
    void a_domain_on_the_orgs_never_log_list_keeps_the_email_out() {
        expect(rep, emailTo("mum@mail.family.net"), "skipped", "never-log:");
    }

    @Test
    void the_reps_own_never_log_list_applies_to_that_rep_only() {
        expect(rep, emailTo("friend@initech.com"), "skipped", "never-log: friend@initech.com");
        expect(rep, emailTo("captain@golfclub.org"), "skipped", "never-log:");
        expect(otherRep, seenBy("rep2@acme.com", emailTo("friend@initech.com")), "stored", null);
    }

    @Test
    void free_mail_is_skipped_unless_the_org_allows_it() {
        expect(rep, emailTo("someone@gmail.com"), "skipped", "free-mail:");
        expect(rep, emailTo("someone@yahoo.co.uk"), "skipped", "free-mail:");
        // A company contact beside a free-mail one makes it a customer email.
        expect(rep, with(emailTo("someone@gmail.com"), "cc", List.of(person("buyer@globex.com", null))), "stored", null);
    }

    @Test
    void role_and_bulk_senders_are_skipped() {
        for (String sender : List.of("noreply@vendor.com", "no-reply@vendor.com", "notifications@github.com",
                "mailer-daemon@googlemail.com", "do-not-reply@bank.com", "newsletter@shop.com")) {
            Map<String, Object> inbound = with(with(emailTo("rep@acme.com"), "direction", "inbound"),
                    "from", person(sender, "Robot"));
            expect(rep, inbound, "skipped", "role-sender:");
        }
    }

    @Test
    void rfc_2142_operations_and_service_mailboxes_are_not_customers() {
        for (String sender : List.of("abuse@globex.com", "noc@globex.com", "security@globex.com",
                "postmaster@globex.com", "hostmaster@globex.com", "webmaster@globex.com", "www@globex.com",
                "usenet@globex.com", "news@globex.com", "uucp@globex.com", "ftp@globex.com")) {
            Map<String, Object> inbound = with(with(emailTo("rep@acme.com"), "direction", "inbound"),
                    "from", person(sender, null));
            expect(rep, inbound, "skipped", "role-sender:");
        }
        // Its business mailboxes are read by people: a small customer's only address may be one.
        for (String person : List.of("info@globex.com", "sales@globex.com", "support@globex.com")) {
            expect(rep, emailTo(person), "stored", null);
        }
    }

    @Test
    void an_org_that_allows_free_mail_logs_it() {
        TestServer other = TestServer.start();
        try {
            Api otherApi = new Api(other);
            String r = otherApi.userWithToken("rep@acme.com", "Ann Rep", "rep");
            otherApi.as(other.adminToken()).body(Map.of("allowFreeMail", true))
                    .patch("/api/v1/admin/policy").then().statusCode(200).body("allowFreeMail", equalTo(true));
            otherApi.as(r).body(batch(List.of(emailTo("someone@gmail.com")))).post("/api/v1/captures")
                    .then().statusCode(200).body("results[0].status", equalTo("stored"));
        } finally {
            other.close();
        }
    }

    @Test
    void the_policy_the_extension_applies_is_in_me_with_the_reps_own_entries() {
        api.as(rep).get("/api/v1/me").then().statusCode(200)
                .body("policy.neverLog.addresses", equalTo(List.of("lawyer@counsel.com", "friend@initech.com")))
                .body("policy.neverLog.domains", equalTo(List.of("family.net", "golfclub.org")))
                .body("policy.personalNeverLog.addresses", equalTo(List.of("friend@initech.com")))
                .body("policy.allowFreeMail", equalTo(false));
    }

    @Test
    void policy_changes_name_the_bad_field_and_are_for_admins_only() {
        api.as(server.adminToken()).body(Map.of("captureLevel", "everything"))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", startsWith("captureLevel:"));
        api.as(server.adminToken()).body(Map.of("internalDomains", List.of("not a domain")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("internalDomains: 'not a domain'"));
        api.as(server.adminToken()).body(Map.of("neverLog", Map.of("addresses", List.of("nope"))))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", startsWith("neverLog.addresses:"));
        api.as(rep).body(Map.of("allowFreeMail", true)).patch("/api/v1/admin/policy").then().statusCode(403);
    }
}
