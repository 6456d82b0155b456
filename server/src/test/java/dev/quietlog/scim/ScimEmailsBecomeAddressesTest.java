package dev.quietlog.scim;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;

import dev.quietlog.support.Events;
import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The addresses in a SCIM user's emails[] are the user's Quietlog addresses: the primary work one first, then aliases. */
class ScimEmailsBecomeAddressesTest extends ServerTest {
    private static Scim idp;

    @BeforeAll
    static void identityProvider() {
        idp = new Scim(server);
    }

    @Test
    void emails_become_the_users_addresses_and_capture_trusts_them() {
        String id = idp.request().body(Map.of("userName", "ann@acme.onmicrosoft.com",
                        "emails", List.of(
                                Map.of("value", "Ann.Sales@acme.com", "type", "other"),
                                Map.of("value", "ann@acme.com", "type", "work", "primary", true))))
                .post("/scim/v2/Users").then().statusCode(201)
                .body("emails[0].value", equalTo("ann@acme.com")).body("emails[0].primary", equalTo(true))
                .body("emails[1].value", equalTo("ann.sales@acme.com"))
                .extract().path("id");
        api.as(server.adminToken()).get("/api/v1/admin/users/ann@acme.com/addresses").then().statusCode(200)
                .body("addresses", equalTo(List.of("ann@acme.com", "ann.sales@acme.com")));
        idp.request().queryParam("filter", "emails eq \"ann.sales@acme.com\"").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));

        // Mail seen in the alias's mailbox is the rep's own.
        String token = api.as(server.adminToken()).body(Map.of("email", "ann@acme.com")).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
        var event = with(with(outboundEmail("alias-1@mail.acme.com", "carla@globex.com", "Pricing"), "mailbox",
                "ann.sales@acme.com"), "from", Events.person("ann.sales@acme.com", "Ann"));
        api.as(token).body(batch(List.of(event))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("stored"));

        // Entra replaces the list: the alias is gone, and mail in it is no longer the rep's.
        idp.request().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails\",\"value\":"
                        + "[{\"value\":\"ann@acme.com\",\"type\":\"work\",\"primary\":true}]}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200);
        api.as(server.adminToken()).get("/api/v1/admin/users/ann@acme.com/addresses").then()
                .body("addresses", equalTo(List.of("ann@acme.com")));
        var later = with(with(outboundEmail("alias-2@mail.acme.com", "carla@globex.com", "Pricing"), "mailbox",
                "ann.sales@acme.com"), "from", Events.person("ann.sales@acme.com", "Ann"));
        api.as(token).body(batch(List.of(later))).post("/api/v1/captures").then().statusCode(200)
                .body("results[0].status", equalTo("skipped"));
    }

    @Test
    void an_alias_another_user_has_is_a_uniqueness_conflict() {
        api.userWithToken("bob@acme.com", "Bob Rep", "rep");
        api.as(server.adminToken()).body(Map.of("addresses", List.of("bob@acme.com", "sales@acme.com")))
                .put("/api/v1/admin/users/bob@acme.com/addresses").then().statusCode(200);
        idp.request().body(Map.of("userName", "cat@acme.com", "emails", List.of(
                        Map.of("value", "cat@acme.com", "type", "work", "primary", true),
                        Map.of("value", "sales@acme.com", "type", "other"))))
                .post("/scim/v2/Users").then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", org.hamcrest.Matchers.containsString("sales@acme.com"));
    }
}
