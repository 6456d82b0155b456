package dev.quietlog.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.quietlog.support.Scim;
import dev.quietlog.support.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /scim/v2's discovery documents, its own token, paging, and refusals in the SCIM error shape. */
class ScimProtocolTest extends ServerTest {
    private static Scim idp;

    @BeforeAll
    static void identityProvider() {
        idp = new Scim(server);
    }

    private static String create(String userName, String email) {
        return idp.request().body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", userName, "emails", List.of(Map.of("value", email, "type", "work", "primary", true))))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    @Test
    void discovery_documents_describe_what_is_supported() {
        idp.request().get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .contentType(startsWith(Scim.CONTENT_TYPE))
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true))
                .body("bulk.supported", equalTo(false)).body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
        idp.request().get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources[0].endpoint", equalTo("/Users"));
        idp.request().get("/scim/v2/Schemas").then().statusCode(200)
                .body("Resources[0].id", equalTo("urn:ietf:params:scim:schemas:core:2.0:User"));
    }

    @Test
    void only_the_orgs_scim_token_is_valid_on_scim_and_nowhere_else() {
        given().baseUri(server.baseUrl()).get("/scim/v2/Users").then().statusCode(401)
                .contentType(startsWith(Scim.CONTENT_TYPE))
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error")).body("status", equalTo("401"));
        api.as(server.adminToken()).get("/scim/v2/Users").then().statusCode(401);
        api.as(idp.token()).get("/api/v1/me").then().statusCode(401);
        api.as(idp.token()).get("/api/v1/admin/tokens").then().statusCode(401);

        // Listed (with no user) and revoked like any token.
        Scim second = new Scim(server);
        api.as(server.adminToken()).get("/api/v1/admin/tokens?kind=scim").then().statusCode(200)
                .body("tokens", hasSize(2)).body("tokens[0].userEmail", nullValue())
                .body("tokens[0].issuedBy", equalTo("admin@acme.com"));
        // The second token's own id: two tokens issued in the same instant list in either order.
        String id = server.services().tokens().verifyScimToken(second.token()).orElseThrow().accessTokenId().toString();
        second.request().get("/scim/v2/Users").then().statusCode(200);
        api.as(server.adminToken()).delete("/api/v1/admin/tokens/" + id).then().statusCode(200);
        second.request().get("/scim/v2/Users").then().statusCode(401);
        idp.request().get("/scim/v2/Users").then().statusCode(200);
        api.as(server.adminToken()).get("/api/v1/admin/tokens?kind=scim").then().body("tokens", hasSize(1));
    }

    @Test
    void an_unsupported_filter_is_400_invalid_filter() {
        for (String filter : List.of("userName sw \"ann\"", "title eq \"Sales\"", "userName eq \"a\" and active eq true",
                "userName eq ann", "userName", "emails[type eq \"home\"].value eq \"a@b.com\"")) {
            idp.request().queryParam("filter", filter).get("/scim/v2/Users").then().statusCode(400)
                    .contentType(startsWith(Scim.CONTENT_TYPE))
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("400")).body("scimType", equalTo("invalidFilter"))
                    .body("detail", containsString("filter"));
        }
    }

    @Test
    void list_responses_page_with_start_index_and_count() {
        for (int i = 0; i < 3; i++) {
            create("page" + i + "@acme.com", "page" + i + "@acme.com");
        }
        List<String> all = idp.request().queryParam("count", 200).get("/scim/v2/Users").then().statusCode(200)
                .extract().path("Resources.userName");
        idp.request().queryParam("startIndex", 1).queryParam("count", 2).get("/scim/v2/Users").then()
                .body("itemsPerPage", equalTo(2)).body("startIndex", equalTo(1)).body("totalResults", equalTo(all.size()))
                .body("Resources.userName", equalTo(all.subList(0, 2)));
        idp.request().queryParam("startIndex", 3).queryParam("count", 2).get("/scim/v2/Users").then()
                .body("startIndex", equalTo(3)).body("Resources.userName", equalTo(all.subList(2, Math.min(4, all.size()))));
        idp.request().queryParam("count", 0).get("/scim/v2/Users").then()
                .body("itemsPerPage", equalTo(0)).body("totalResults", equalTo(all.size()));
        idp.request().queryParam("count", "many").get("/scim/v2/Users").then().statusCode(400)
                .body("detail", containsString("count"));
    }

    @Test
    void bad_requests_name_the_attribute_with_a_scim_type() {
        String id = create("bad@acme.com", "bad@acme.com");
        String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";
        Map<String, String> cases = Map.of(
                "{\"op\":\"move\",\"path\":\"active\",\"value\":false}", "invalidSyntax",
                "{\"op\":\"remove\"}", "noTarget",
                "{\"op\":\"replace\",\"path\":\"emails[[\",\"value\":\"x\"}", "invalidPath",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}", "invalidValue",
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"not an address\"}", "invalidValue");
        cases.forEach((op, type) -> idp.request().body(String.format(patch, op)).patch("/scim/v2/Users/" + id)
                .then().statusCode(400).body("scimType", equalTo(type)));
        idp.request().body("{\"userName\":\"nobody-without-an-address\"}").post("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString("emails"));
        idp.request().body("{not json").post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        idp.request().get("/scim/v2/Users/not-a-uuid").then().statusCode(404);
        // Nothing was changed by the refused requests.
        idp.request().get("/scim/v2/Users/" + id).then().body("active", equalTo(true))
                .body("emails[0].value", equalTo("bad@acme.com"));
    }

    @Test
    void an_address_another_user_has_is_a_uniqueness_conflict() {
        create("first@acme.com", "first@acme.com");
        String second = create("second@acme.com", "second@acme.com");
        idp.request().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                        + "\"value\":\"first@acme.com\"}]}")
                .patch("/scim/v2/Users/" + second).then().statusCode(409).body("scimType", equalTo("uniqueness"))
                .body("detail", containsString("first@acme.com"));
        idp.request().body("{\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"FIRST@acme.com\"}]}")
                .patch("/scim/v2/Users/" + second).then().statusCode(409).body("scimType", equalTo("uniqueness"));
    }

    @Test
    void a_user_an_admin_created_is_taken_over_not_duplicated() {
        String token = api.userWithToken("ann@acme.com", "Ann Rep", "rep");
        String adminCreatedId = api.as(token).get("/api/v1/me").then().extract().path("user.id");
        idp.request().queryParam("filter", "userName eq \"ann@acme.com\"").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(1));
        // Entra looks up by its own userName (the UPN), finds nobody, and creates with the work address.
        String id = create("ann@acme.onmicrosoft.com", "ann@acme.com");
        org.junit.jupiter.api.Assertions.assertEquals(adminCreatedId, id);
        api.as(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void another_orgs_scim_token_sees_none_of_this_orgs_users() {
        create("mine@acme.com", "mine@acme.com");
        String otherAdmin = server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, "Initrode", List.of("initrode.com"), "admin@initrode.com", Duration.ofDays(1)).token());
        String otherScim = api.as(otherAdmin).body("{}").post("/api/v1/admin/scim-tokens").then().statusCode(201)
                .extract().path("token");
        given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + otherScim)
                .queryParam("filter", "userName eq \"mine@acme.com\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
    }
}
