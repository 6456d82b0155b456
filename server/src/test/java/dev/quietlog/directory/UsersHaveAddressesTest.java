package dev.quietlog.directory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.Main;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A user's addresses (primary plus aliases), as admins set them and as /me tells the extension. */
class UsersHaveAddressesTest extends ServerTest {

    @Test
    void a_new_user_has_their_primary_address_and_me_answers_it() {
        String token = api.userWithToken("Nia@Acme.com", "Nia Rep", "rep");
        api.as(token).get("/api/v1/me").then().statusCode(200)
                .body("user.addresses", equalTo(List.of("nia@acme.com")))
                .body("policy.allowDelegatedMailboxes", equalTo(false));
    }

    @Test
    void an_admin_replaces_the_addresses_lowercase_with_the_primary_first() {
        String token = api.userWithToken("ola@acme.com", "Ola Rep", "rep");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("Ola.Sales@Acme.com", "ola@acme.com", "ola@acme.co.uk")))
                .put("/api/v1/admin/users/{email}/addresses", "ola@acme.com").then().statusCode(200)
                .body("addresses", equalTo(List.of("ola@acme.com", "ola.sales@acme.com", "ola@acme.co.uk")));
        api.as(token).get("/api/v1/me").then().statusCode(200)
                .body("user.addresses", equalTo(List.of("ola@acme.com", "ola.sales@acme.com", "ola@acme.co.uk")));
        // The full list each time: an alias left out is gone; the primary address always stays.
        api.as(server.adminToken()).body(Map.of("addresses", List.of("ola@acme.co.uk")))
                .put("/api/v1/admin/users/{email}/addresses", "ola@acme.com").then().statusCode(200)
                .body("addresses", equalTo(List.of("ola@acme.com", "ola@acme.co.uk")));
        api.as(server.adminToken()).get("/api/v1/admin/users/{email}/addresses", "ola@acme.com").then().statusCode(200)
                .body("addresses", equalTo(List.of("ola@acme.com", "ola@acme.co.uk")));
    }

    @Test
    void an_address_of_another_user_is_refused_with_409_naming_it() {
        api.userWithToken("pia@acme.com", "Pia Rep", "rep");
        api.userWithToken("quinn@acme.com", "Quinn Manager", "manager");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("pia@acme.com", "QUINN@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "pia@acme.com").then().statusCode(409)
                .body("error.message", equalTo("addresses: quinn@acme.com is already an address of another user"));
        api.as(server.adminToken()).body(Map.of("addresses", List.of("sales-pia@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "pia@acme.com").then().statusCode(200);
        // Nor can a new user be created on an address someone already has as an alias.
        api.as(server.adminToken()).body(Map.of("email", "sales-pia@acme.com", "name", "Copy", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(409)
                .body("error.message", containsString("sales-pia@acme.com is already an address of another user"));
        assertEquals(List.of("pia@acme.com", "sales-pia@acme.com"),
                server.services().addresses().ofUser(server.services().directory().org(orgId()).id(), "pia@acme.com"));
    }

    @Test
    void bad_addresses_and_unknown_users_are_named() {
        api.userWithToken("ray@acme.com", "Ray Rep", "rep");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("ray@acme.com", "not an address")))
                .put("/api/v1/admin/users/{email}/addresses", "ray@acme.com").then().statusCode(400)
                .body("error.message", equalTo("addresses[1]: not a valid email address"));
        api.as(server.adminToken()).body(Map.of("addresses", List.of("r\u0000y@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "ray@acme.com").then().statusCode(400)
                .body("error.message", equalTo("addresses[0]: not a valid email address"));
        api.as(server.adminToken()).body(Map.of("addresses", "ray@acme.com"))
                .put("/api/v1/admin/users/{email}/addresses", "ray@acme.com").then().statusCode(400)
                .body("error.message", containsString("addresses:"));
        api.as(server.adminToken()).body(Map.of("addresses", List.of()))
                .put("/api/v1/admin/users/{email}/addresses", "nobody@acme.com").then().statusCode(404)
                .body("error.message", equalTo("email: no user with email nobody@acme.com"));
        String rep = api.userWithToken("sam@acme.com", "Sam Rep", "rep");
        api.as(rep).body(Map.of("addresses", List.of("sam@acme.com", "ceo@acme.com")))
                .put("/api/v1/admin/users/{email}/addresses", "sam@acme.com").then().statusCode(403);
    }

    @Test
    void the_command_line_sets_addresses_and_the_delegated_mailbox_policy() {
        String token = api.userWithToken("tia@acme.com", "Tia Rep", "rep");
        assertEquals(0, quietlog("users", "addresses", "--email", "tia@acme.com", "--set", "tia@acme.com, tia@acme.de"));
        assertEquals(0, quietlog("policy", "set", "--allow-delegated-mailboxes", "true"));
        api.as(token).get("/api/v1/me").then().statusCode(200)
                .body("user.addresses", equalTo(List.of("tia@acme.com", "tia@acme.de")))
                .body("policy.allowDelegatedMailboxes", equalTo(true));
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().statusCode(200)
                .body("allowDelegatedMailboxes", equalTo(true));
        api.as(server.adminToken()).body(Map.of("allowDelegatedMailboxes", "yes"))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", equalTo("allowDelegatedMailboxes: must be true or false"));
        api.as(server.adminToken()).body(Map.of("allowDelegatedMailboxes", false))
                .patch("/api/v1/admin/policy").then().statusCode(200);
    }

    private static java.util.UUID orgId() {
        return server.database().jdbi().withHandle(h -> h.createQuery("select id from orgs").mapTo(java.util.UUID.class).one());
    }

    private static int quietlog(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl(), "--token", server.adminToken()));
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new CommandLine(new Main()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
    }
}
