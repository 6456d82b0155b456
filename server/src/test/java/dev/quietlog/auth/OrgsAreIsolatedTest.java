package dev.quietlog.auth;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static dev.quietlog.support.Events.person;
import static dev.quietlog.support.Events.seenBy;
import static dev.quietlog.support.Events.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.quietlog.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One org never sees another's data, even for the same email and the same contact. */
class OrgsAreIsolatedTest extends ServerTest {

    @Test
    void a_second_org_sees_none_of_the_first_orgs_interactions_contacts_or_users() {
        String acmeRep = api.userWithToken("rep@acme.com", "Ann Rep", "rep");
        api.as(acmeRep).body(batch(List.of(outboundEmail("secret@mail.acme.com", "carla@globex.com", "Acme pricing"))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));

        String otherAdmin = server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, "Initrode", List.of("initrode.com"), "admin@initrode.com", Duration.ofDays(1))
                .token());
        api.as(otherAdmin).get("/api/v1/interactions").then().statusCode(200).body("interactions", hasSize(0));
        api.as(otherAdmin).get("/api/v1/contacts/{email}/summary", "carla@globex.com").then().statusCode(404);
        api.as(otherAdmin).body(Map.of("email", "rep@acme.com")).post("/api/v1/admin/tokens").then().statusCode(404);

        // The same real-world email captured in the other org is that org's own interaction.
        api.as(otherAdmin).body(Map.of("email", "rep@initrode.com", "name", "Ira Rep", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        String otherRep = api.as(otherAdmin).body(Map.of("email", "rep@initrode.com"))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
        api.as(otherRep).body(batch(List.of(seenBy("rep@initrode.com", with(outboundEmail("secret@mail.acme.com",
                        "carla@globex.com", "Their pricing"), "from", person("rep@initrode.com", "Ira Rep"))))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));
        api.as(otherAdmin).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", equalTo(List.of("Their pricing")));
        api.as(server.adminToken()).get("/api/v1/interactions").then().statusCode(200)
                .body("interactions.subject", equalTo(List.of("Acme pricing")));
    }
}
