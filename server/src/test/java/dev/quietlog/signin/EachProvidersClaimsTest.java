package dev.quietlog.signin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.quietlog.support.OpenIdProvider;
import dev.quietlog.support.ServerTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Okta, Microsoft Entra ID and Google Workspace vouch for an address differently; three orgs
 * on one server, one per provider, each signs in with its own provider's claims only.
 */
class EachProvidersClaimsTest extends ServerTest {
    static final String TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
    static OpenIdProvider idp;
    static String acmeOrg;
    static String contosoOrg;
    static String initechOrg;

    @BeforeAll
    static void setUpOrgs() {
        idp = new OpenIdProvider();
        acmeOrg = configure(server.adminToken(), idp.issuer("okta"), "okta-client", "okta", "rep@acme.com");
        contosoOrg = configure(newOrg("Contoso", "contoso.com"), idp.issuer(TENANT), "entra-client", "entra", "rep@contoso.com");
        initechOrg = configure(newOrg("Initech", "initech.com"), idp.issuer("google"), "google-client", "google", "rep@initech.com");
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    private static String newOrg(String name, String domain) {
        return server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, name, List.of(domain), "admin@" + domain, Duration.ofDays(1)).token());
    }

    private static String configure(String adminToken, String issuer, String clientId, String provider, String repEmail) {
        api.as(adminToken).body(Map.of("email", repEmail, "name", "A Rep", "role", "rep"))
                .post("/api/v1/admin/users").then().statusCode(201);
        return api.as(adminToken).body(Map.of("signIn", Map.of("issuer", issuer, "clientId", clientId, "provider", provider)))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .extract().path("signIn.orgId");
    }

    private static ValidatableResponse signIn(String org, String issuerId, String clientId, Map<String, Object> claims) {
        String nonce = OpenIdProvider.newNonce();
        Map<String, Object> withNonce = new HashMap<>(claims);
        withNonce.put("nonce", nonce);
        String idToken = idp.idToken(issuerId, "subject-1", clientId, withNonce, 300);
        return api.anonymous().body(Map.of("idToken", idToken, "nonce", nonce, "org", org)).post("/api/v1/sign-in/oidc").then();
    }

    @Test
    void okta_a_verified_email_signs_in() {
        signIn(acmeOrg, "okta", "okta-client", Map.of("email", "rep@acme.com", "email_verified", true, "preferred_username", "rep@acme.com"))
                .statusCode(200).body("user.email", equalTo("rep@acme.com"));
        signIn(acmeOrg, "okta", "okta-client", Map.of("email", "rep@acme.com"))
                .statusCode(401).body("error.message", containsString("email_verified"));
    }

    @Test
    void entra_a_member_of_the_tenant_signs_in_by_sign_in_name_without_email_verified() {
        signIn(contosoOrg, TENANT, "entra-client", Map.of("tid", TENANT, "preferred_username", "Rep@Contoso.com",
                "oid", "00000000-0000-0000-66f3-3332eca7ea81", "name", "A Rep"))
                .statusCode(200).body("user.email", equalTo("rep@contoso.com"));
    }

    @Test
    void entra_an_email_claim_counts_only_when_entra_marks_its_domain_verified() {
        signIn(contosoOrg, TENANT, "entra-client", Map.of("tid", TENANT, "email", "rep@contoso.com", "xms_edov", true))
                .statusCode(200).body("user.email", equalTo("rep@contoso.com"));
        // Without xms_edov the email is ignored; the sign-in name decides, and here it is nobody's.
        signIn(contosoOrg, TENANT, "entra-client", Map.of("tid", TENANT, "email", "rep@contoso.com",
                "preferred_username", "someone.else@contoso.com"))
                .statusCode(403).body("error.code", equalTo("not_provisioned"));
    }

    @Test
    void entra_guests_and_other_tenants_are_refused() {
        signIn(contosoOrg, TENANT, "entra-client", Map.of("tid", TENANT, "preferred_username", "rep@contoso.com",
                "idp", "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"))
                .statusCode(401).body("error.message", containsString("guest"));
        signIn(contosoOrg, TENANT, "entra-client", Map.of("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                "preferred_username", "rep@contoso.com"))
                .statusCode(401).body("error.message", containsString("tid"));
    }

    @Test
    void entra_the_multi_tenant_common_issuer_cannot_be_configured() {
        String admin = newOrg("Fabrikam", "fabrikam.com");
        api.as(admin).body(Map.of("signIn", Map.of("issuer", "https://login.microsoftonline.com/common/v2.0", "clientId", "x")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("signIn.issuer"))
                .body("error.message", containsString("tenant"));
    }

    @Test
    void google_only_a_workspace_account_of_the_orgs_domain_signs_in() {
        api.anonymous().queryParam("org", initechOrg).get("/api/v1/sign-in").then().statusCode(200)
                .body("oidc.responseType", equalTo("id_token"));
        signIn(initechOrg, "google", "google-client", Map.of("email", "rep@initech.com", "email_verified", true, "hd", "initech.com"))
                .statusCode(200).body("user.email", equalTo("rep@initech.com"));
        signIn(initechOrg, "google", "google-client", Map.of("email", "rep@initech.com", "email_verified", true))
                .statusCode(401).body("error.message", containsString("hd"));
        signIn(initechOrg, "google", "google-client", Map.of("email", "rep@initech.com", "email_verified", true, "hd", "evil.example"))
                .statusCode(401).body("error.message", containsString("evil.example"));
    }

    @Test
    void one_orgs_provider_cannot_sign_in_to_another_org() {
        signIn(acmeOrg, TENANT, "entra-client", Map.of("tid", TENANT, "preferred_username", "rep@contoso.com"))
                .statusCode(401).body("error.message", containsString("not issued by the org's provider"));
    }

    @Test
    void with_several_orgs_the_extension_must_name_its_org() {
        api.anonymous().get("/api/v1/sign-in").then().statusCode(400)
                .body("error.message", containsString("orgId"));
        api.anonymous().queryParam("org", contosoOrg).get("/api/v1/sign-in").then().statusCode(200)
                .body("oidc.provider", equalTo("entra"))
                .body("oidc.displayName", equalTo("Contoso"));
        api.anonymous().queryParam("org", "3f0e9f34-0000-4000-8000-000000000000").get("/api/v1/sign-in").then().statusCode(404);
        api.anonymous().queryParam("org", "acme").get("/api/v1/sign-in").then().statusCode(400)
                .body("error.message", containsString("org"));
    }
}
