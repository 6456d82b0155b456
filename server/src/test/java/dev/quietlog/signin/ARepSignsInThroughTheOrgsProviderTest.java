package dev.quietlog.signin;

import static dev.quietlog.support.Api.batch;
import static dev.quietlog.support.Events.outboundEmail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.support.OpenIdProvider;
import dev.quietlog.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IT sets the org's OpenID provider once; a rep then trades the ID token of an authorization
 * code flow (PKCE, nonce) for a Quietlog token that works, is recorded like any other and
 * stops working when the rep is deactivated.
 */
class ARepSignsInThroughTheOrgsProviderTest extends ServerTest {
    static final String CLIENT_ID = "quietlog-extension";
    static OpenIdProvider idp;

    @BeforeAll
    static void setUpProvider() {
        idp = new OpenIdProvider();
        api.as(server.adminToken())
                .body(Map.of("signIn", Map.of("issuer", idp.issuer("okta"), "clientId", CLIENT_ID, "displayName", "Acme", "provider", "okta")))
                .patch("/api/v1/admin/policy")
                .then().log().ifValidationFails().statusCode(200)
                .body("signIn.issuer", equalTo(idp.issuer("okta")))
                .body("signIn.provider", equalTo("okta"));
        api.as(server.adminToken()).body(Map.of("email", "ann@acme.com", "name", "Ann Rep", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @Test
    void the_extension_learns_how_to_start_from_the_providers_discovery_document() {
        api.anonymous().get("/api/v1/sign-in")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body("oidc.displayName", equalTo("Acme"))
                .body("oidc.clientId", equalTo(CLIENT_ID))
                .body("oidc.issuer", equalTo(idp.issuer("okta")))
                .body("oidc.authorizationEndpoint", equalTo(idp.issuer("okta") + "/authorize"))
                .body("oidc.tokenEndpoint", equalTo(idp.issuer("okta") + "/token"))
                .body("oidc.orgId", notNullValue())
                .body("oidc.responseType", equalTo("code"));
        // The extension may call before it holds access to the server's origin.
        api.anonymous().header("Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
                .header("Access-Control-Request-Method", "POST").options("/api/v1/sign-in/oidc")
                .then().statusCode(204).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void an_id_token_from_the_code_flow_is_traded_for_a_working_quietlog_token() throws Exception {
        String nonce = OpenIdProvider.newNonce();
        String idToken = idp.codeFlowIdToken("okta", CLIENT_ID, "00u1ann",
                Map.of("email", "Ann@Acme.com", "email_verified", true, "name", "Ann Rep"), nonce);

        String token = api.anonymous().body(Map.of("idToken", idToken, "nonce", nonce))
                .post("/api/v1/sign-in/oidc")
                .then().statusCode(200)
                .body("user.email", equalTo("ann@acme.com"))
                .body("expiresAt", notNullValue())
                .extract().path("token");

        api.as(token).get("/api/v1/me").then().statusCode(200)
                .body("user.email", equalTo("ann@acme.com"))
                .body("policy.signIn.clientId", equalTo(CLIENT_ID));
        api.as(token).body(batch(List.of(outboundEmail("sso-1@mail.acme.com", "carla@globex.com", "Hello"))))
                .post("/api/v1/captures").then().statusCode(200).body("results[0].status", equalTo("stored"));
        assertEquals(1, server.count("select count(*) from access_tokens t join users u on u.org_id = t.org_id and u.id = t.user_id "
                + "where u.email = 'ann@acme.com' and t.revoked_at is null"), "recorded like any other token");

        // The same ID token (and nonce) a second time gets nothing.
        api.anonymous().body(Map.of("idToken", idToken, "nonce", nonce))
                .post("/api/v1/sign-in/oidc")
                .then().statusCode(401).body("error.message", containsString("already used"));
    }

    @Test
    void a_signed_in_rep_who_is_deactivated_is_refused_on_the_next_request() throws Exception {
        api.as(server.adminToken()).body(Map.of("email", "leaver@acme.com", "name", "Lee Ver", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        String nonce = OpenIdProvider.newNonce();
        String idToken = idp.codeFlowIdToken("okta", CLIENT_ID, "00u2lee",
                Map.of("email", "leaver@acme.com", "email_verified", true), nonce);
        String token = api.anonymous().body(Map.of("idToken", idToken, "nonce", nonce))
                .post("/api/v1/sign-in/oidc").then().statusCode(200).extract().path("token");
        api.as(token).get("/api/v1/me").then().statusCode(200);

        server.database().jdbi().useHandle(h -> h.execute("update users set active = false where email = 'leaver@acme.com'"));

        api.as(token).get("/api/v1/me").then().statusCode(401)
                .body("error.code", equalTo("access_withdrawn"))
                .body("error.message", containsString("withdrawn by your company"));
        // And signing in again does not bring access back.
        String again = OpenIdProvider.newNonce();
        api.anonymous().body(Map.of("idToken", idp.codeFlowIdToken("okta", CLIENT_ID, "00u2lee",
                        Map.of("email", "leaver@acme.com", "email_verified", true), again), "nonce", again))
                .post("/api/v1/sign-in/oidc").then().statusCode(403).body("error.code", equalTo("deactivated"));
    }
}
