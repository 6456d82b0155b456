package dev.quietlog.directory;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quietlog.Main;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** IT sets the connectors' OAuth apps in the org policy; reps' extensions read them from /api/v1/me. */
class ConnectorAppsPolicyTest extends ServerTest {
    private static final String GOOGLE_ID = "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com";
    private static final String MS_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static String repToken;

    @BeforeAll
    static void rep() {
        repToken = api.userWithToken("connectors-rep@acme.com", "Con Rep", "rep");
    }

    private static Map<String, Object> connectors(Object google, Object microsoft) {
        Map<String, Object> c = new HashMap<>();
        c.put("google", google);
        c.put("microsoft", microsoft);
        return Map.of("connectors", c);
    }

    @Test
    void a_provider_IT_has_not_set_up_is_null_so_the_extension_offers_no_connector() {
        api.as(server.adminToken()).body(connectors(null, null)).patch("/api/v1/admin/policy").then().statusCode(200);
        api.as(repToken).get("/api/v1/me").then().statusCode(200)
                .body("policy.connectors", org.hamcrest.Matchers.hasKey("google"))
                .body("policy.connectors.google", nullValue())
                .body("policy.connectors.microsoft", nullValue());
    }

    @Test
    void admin_sets_both_apps_and_the_rep_sees_them_with_the_real_endpoints_by_default() {
        api.as(server.adminToken()).body(connectors(
                        Map.of("clientId", GOOGLE_ID, "clientSecret", "GOCSPX-abcdefgh12345678"),
                        Map.of("clientId", MS_ID, "tenant", TENANT)))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .body("connectors.google.clientId", equalTo(GOOGLE_ID))
                .body("connectors.microsoft.tenant", equalTo(TENANT));
        api.as(repToken).get("/api/v1/me").then().statusCode(200)
                .body("policy.connectors.google.clientId", equalTo(GOOGLE_ID))
                .body("policy.connectors.google.clientSecret", equalTo("GOCSPX-abcdefgh12345678"))
                .body("policy.connectors.google.authorizationEndpoint", equalTo("https://accounts.google.com/o/oauth2/v2/auth"))
                .body("policy.connectors.google.tokenEndpoint", equalTo("https://oauth2.googleapis.com/token"))
                .body("policy.connectors.microsoft.clientId", equalTo(MS_ID))
                .body("policy.connectors.microsoft.tenant", equalTo(TENANT))
                .body("policy.connectors.microsoft.authorizationEndpoint",
                        equalTo("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/authorize"))
                .body("policy.connectors.microsoft.tokenEndpoint",
                        equalTo("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token"));
    }

    @Test
    void the_audit_log_notes_a_changed_client_secret_without_copying_it() {
        api.as(server.adminToken()).body(connectors(
                        Map.of("clientId", GOOGLE_ID, "clientSecret", "GOCSPX-audit-must-not-keep"), null))
                .patch("/api/v1/admin/policy").then().statusCode(200);
        long copies = server.count("select count(*) from audit_log where details::text like '%GOCSPX-audit-must-not-keep%'");
        org.junit.jupiter.api.Assertions.assertEquals(0, copies, "the secret was copied into the audit log");
        org.junit.jupiter.api.Assertions.assertTrue(
                server.count("select count(*) from audit_log where details::text like '%(changed)%'") > 0);
    }

    @Test
    void a_patch_changes_only_the_fields_it_names_and_null_restores_the_default_endpoint() {
        api.as(server.adminToken()).body(connectors(null, Map.of("clientId", MS_ID, "tenant", "organizations"))).patch("/api/v1/admin/policy")
                .then().statusCode(200);
        api.as(server.adminToken()).body(Map.of("connectors", Map.of("microsoft", Map.of("authorizationEndpoint", "http://127.0.0.1:4567/authorize"))))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .body("connectors.microsoft.clientId", equalTo(MS_ID))
                .body("connectors.microsoft.authorizationEndpoint", equalTo("http://127.0.0.1:4567/authorize"))
                .body("connectors.google", nullValue());
        Map<String, Object> clear = new HashMap<>();
        clear.put("authorizationEndpoint", null);
        api.as(server.adminToken()).body(Map.of("connectors", Map.of("microsoft", clear)))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .body("connectors.microsoft.authorizationEndpoint",
                        equalTo("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
    }

    private static Map<String, Object> withNull(Map<String, Object> fields, String cleared) {
        Map<String, Object> m = new HashMap<>(fields);
        m.put(cleared, null);
        return m;
    }

    static List<Object[]> badFields() {
        return List.of(
                new Object[] {Map.of("google", Map.of("clientId", "not-a-client", "clientSecret", "GOCSPX-abcdefgh")), "connectors.google.clientId"},
                new Object[] {Map.of("google", withNull(Map.of("clientId", GOOGLE_ID), "clientSecret")), "connectors.google.clientSecret: required"},
                new Object[] {Map.of("google", Map.of("clientId", GOOGLE_ID, "clientSecret", "short")), "connectors.google.clientSecret"},
                new Object[] {Map.of("google", Map.of("clientId", GOOGLE_ID, "clientSecret", "GOCSPX-abcdefgh",
                        "tokenEndpoint", "http://evil.example.com/token")), "connectors.google.tokenEndpoint: must start with https://"},
                new Object[] {Map.of("google", Map.of("clientId", GOOGLE_ID, "clientSecret", "GOCSPX-abcdefgh",
                        "authorizationEndpoint", "https://user:pw@accounts.example.com/auth")), "connectors.google.authorizationEndpoint"},
                new Object[] {Map.of("google", Map.of("clientId", GOOGLE_ID, "clientSecret", "GOCSPX-abcdefgh",
                        "authorizationEndpoint", "javascript:alert(1)")), "connectors.google.authorizationEndpoint"},
                new Object[] {Map.of("microsoft", Map.of("clientId", "12345", "tenant", TENANT)), "connectors.microsoft.clientId"},
                new Object[] {Map.of("microsoft", Map.of("clientId", MS_ID, "tenant", "../evil")), "connectors.microsoft.tenant"},
                new Object[] {Map.of("microsoft", withNull(Map.of("clientId", MS_ID), "tenant")), "connectors.microsoft.tenant: required"},
                new Object[] {Map.of("microsoft", Map.of("clientId", MS_ID, "tenant", TENANT, "clientSecret", "x")), "connectors.microsoft.clientSecret: unknown field"},
                new Object[] {Map.of("microsoft", Map.of("clientId", 42, "tenant", TENANT)), "connectors.microsoft.clientId: must be a string"},
                new Object[] {Map.of("yahoo", Map.of("clientId", "x")), "connectors.yahoo: unknown provider"},
                new Object[] {Map.of("microsoft", "yes"), "connectors.microsoft: must be an object or null"});
    }

    @ParameterizedTest
    @MethodSource("badFields")
    void a_bad_field_is_refused_by_name_and_nothing_else_in_the_patch_is_applied(Map<String, Object> connectors, String message) {
        String before = api.as(server.adminToken()).get("/api/v1/admin/policy").then().extract().asString();
        api.as(server.adminToken()).body(Map.of("captureLevel", "metadata", "connectors", connectors))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString(message));
        assertEquals(before, api.as(server.adminToken()).get("/api/v1/admin/policy").then().extract().asString());
    }

    @Test
    void a_rep_cannot_change_the_apps() {
        api.as(repToken).body(connectors(null, Map.of("clientId", MS_ID, "tenant", TENANT)))
                .patch("/api/v1/admin/policy").then().statusCode(403);
    }

    @Test
    void the_command_line_sets_and_removes_them() {
        assertEquals(0, quietlog("policy", "set", "--google-client-id", GOOGLE_ID, "--google-client-secret", "GOCSPX-commandline1",
                "--microsoft-client-id", MS_ID.toUpperCase(), "--microsoft-tenant", "Contoso.onmicrosoft.com"));
        api.as(repToken).get("/api/v1/me").then()
                .body("policy.connectors.google.clientSecret", equalTo("GOCSPX-commandline1"))
                .body("policy.connectors.microsoft.clientId", equalTo(MS_ID))
                .body("policy.connectors.microsoft.tenant", equalTo("contoso.onmicrosoft.com"));
        assertEquals(0, quietlog("policy", "set", "--remove-connector", "google"));
        api.as(repToken).get("/api/v1/me").then()
                .body("policy.connectors.google", nullValue())
                .body("policy.connectors.microsoft.clientId", equalTo(MS_ID));
        assertEquals(1, quietlog("policy", "set", "--microsoft-tenant", "not a tenant"));
    }

    private static int quietlog(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl(), "--token", server.adminToken()));
        PrintStream oldOut = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new CommandLine(new Main()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
        }
    }
}
