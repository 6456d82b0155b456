package dev.quietlog.signin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.Main;
import dev.quietlog.support.OpenIdProvider;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** IT sets, checks and removes the org's provider through the admin policy and the command line. */
class ItSetsTheProviderOnceTest extends ServerTest {
    static OpenIdProvider idp;

    @BeforeAll
    static void startProvider() {
        idp = new OpenIdProvider();
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @Test
    void the_command_line_sets_the_provider_and_the_button_name() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("policy", "set", "--oidc-issuer", idp.issuer("cli"),
                    "--oidc-client-id", "0oa1cli", "--sign-in-name", "Acme Corp",
                    "--server", server.baseUrl(), "--token", server.adminToken());
        } finally {
            System.setOut(oldOut);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("\"clientId\" : \"0oa1cli\""), printed);
        api.anonymous().get("/api/v1/sign-in").then().statusCode(200)
                .body("oidc.displayName", equalTo("Acme Corp"))
                .body("oidc.provider", equalTo("generic"));
    }

    @Test
    void a_provider_that_is_not_there_or_not_https_is_refused_naming_the_field_and_nothing_changes() {
        var admin = api.as(server.adminToken());
        admin.body(Map.of("captureLevel", "metadata", "signIn", Map.of("issuer", "http://idp.example.com", "clientId", "x")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("signIn.issuer: must start with https://"));
        admin.body(Map.of("signIn", Map.of("issuer", "http://127.0.0.1:9/no-provider-here", "clientId", "x")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("discovery document"));
        admin.body(Map.of("signIn", Map.of("issuer", idp.issuer("cli"), "clientId", "has spaces")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("signIn.clientId"));
        admin.body(Map.of("signIn", Map.of("issuer", idp.issuer("cli"), "clientId", "x", "provider", "ldap")))
                .patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("signIn.provider"));
        admin.body(Map.of("signIn", "okta")).patch("/api/v1/admin/policy").then().statusCode(400)
                .body("error.message", containsString("signIn"));
        admin.get("/api/v1/admin/policy").then().statusCode(200).body("captureLevel", equalTo("subject_snippet"));
    }

    @Test
    void the_button_is_named_after_the_org_by_default_and_sign_in_can_be_turned_off() {
        var admin = api.as(server.adminToken());
        admin.body(Map.of("signIn", Map.of("issuer", idp.issuer("default-name"), "clientId", "abc")))
                .patch("/api/v1/admin/policy").then().statusCode(200)
                .body("signIn.displayName", equalTo("Acme"))
                .body("signIn.issuer", equalTo(idp.issuer("default-name")));
        java.util.HashMap<String, Object> off = new java.util.HashMap<>();
        off.put("signIn", null);
        admin.body(off).patch("/api/v1/admin/policy").then().statusCode(200).body("signIn", nullValue());
        api.anonymous().get("/api/v1/sign-in").then().statusCode(404)
                .body("error.message", containsString("not set up"));
    }
}
