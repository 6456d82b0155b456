package dev.quietlog.signin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.quietlog.support.OpenIdProvider;
import dev.quietlog.support.ServerTest;
import io.restassured.response.ValidatableResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every ID token that must not become a Quietlog token is refused with a reason, never a 500. */
class IdTokensThatMustNotSignInTest extends ServerTest {
    static final String CLIENT_ID = "quietlog-extension";
    static OpenIdProvider idp;

    @BeforeAll
    static void setUpProvider() {
        idp = new OpenIdProvider();
        api.as(server.adminToken())
                .body(Map.of("signIn", Map.of("issuer", idp.issuer("acme"), "clientId", CLIENT_ID)))
                .patch("/api/v1/admin/policy").then().statusCode(200);
        for (String email : List.of("ann@acme.com", "gone@acme.com")) {
            api.as(server.adminToken()).body(Map.of("email", email, "name", "Someone", "role", "rep"))
                    .post("/api/v1/admin/users").then().statusCode(201);
        }
        server.database().jdbi().useHandle(h -> h.execute("update users set active = false where email = 'gone@acme.com'"));
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    private static Map<String, Object> claims(String email, String nonce) {
        Map<String, Object> c = new HashMap<>();
        c.put("email", email);
        c.put("email_verified", true);
        c.put("nonce", nonce);
        return c;
    }

    private static ValidatableResponse signIn(String idToken, String nonce) {
        return api.anonymous().body(Map.of("idToken", idToken, "nonce", nonce)).post("/api/v1/sign-in/oidc").then();
    }

    @Test
    void a_good_token_signs_in() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u1", CLIENT_ID, claims("ann@acme.com", nonce), 300), nonce)
                .statusCode(200).body("user.email", equalTo("ann@acme.com"));
    }

    @Test
    void a_token_for_another_application_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u1", "some-other-app", claims("ann@acme.com", nonce), 300), nonce)
                .statusCode(401).body("error.code", equalTo("invalid_id_token"))
                .body("error.message", containsString("another application"));
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("elsewhere", "u1", CLIENT_ID, claims("ann@acme.com", nonce), 300), nonce)
                .statusCode(401).body("error.message", containsString("not issued by the org's provider"));
    }

    @Test
    void an_expired_token_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u1", CLIENT_ID, claims("ann@acme.com", nonce), -600), nonce)
                .statusCode(401).body("error.message", containsString("expired"));
    }

    @Test
    void a_token_made_for_another_sign_in_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u1", CLIENT_ID, claims("ann@acme.com", OpenIdProvider.newNonce()), 300), nonce)
                .statusCode(401).body("error.message", containsString("nonce"));
        Map<String, Object> noNonce = claims("ann@acme.com", null);
        noNonce.remove("nonce");
        signIn(idp.idToken("acme", "u1", CLIENT_ID, noNonce, 300), nonce)
                .statusCode(401).body("error.message", containsString("nonce"));
    }

    @Test
    void an_address_the_provider_has_not_verified_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        Map<String, Object> c = claims("ann@acme.com", nonce);
        c.put("email_verified", false);
        signIn(idp.idToken("acme", "u1", CLIENT_ID, c, 300), nonce)
                .statusCode(401).body("error.message", containsString("email_verified"));
    }

    @Test
    void someone_who_is_not_a_user_of_the_org_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u9", CLIENT_ID, claims("stranger@acme.com", nonce), 300), nonce)
                .statusCode(403).body("error.code", equalTo("not_provisioned"))
                .body("error.message", containsString("stranger@acme.com"));
    }

    @Test
    void a_deactivated_user_is_refused() {
        String nonce = OpenIdProvider.newNonce();
        signIn(idp.idToken("acme", "u2", CLIENT_ID, claims("Gone@Acme.com", nonce), 300), nonce)
                .statusCode(403).body("error.code", equalTo("deactivated"))
                .body("error.message", containsString("withdrawn by your company"));
    }

    @Test
    void a_token_signed_by_a_key_the_provider_never_published_is_refused() throws Exception {
        String nonce = OpenIdProvider.newNonce();
        RSAKey forged = new RSAKeyGenerator(2048).keyID("not-the-providers").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(idp.issuer("acme")).audience(CLIENT_ID).subject("u1")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .claim("email", "ann@acme.com").claim("email_verified", true).claim("nonce", nonce)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forged.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(forged));
        signIn(jwt.serialize(), nonce)
                .statusCode(401).body("error.message", containsString("signature"));

        // The same forged key under the provider's own kid fails too.
        String realKid = SignedJWT.parse(idp.idToken("acme", "u1", CLIENT_ID, claims("ann@acme.com", nonce), 300)).getHeader().getKeyID();
        SignedJWT sameKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(realKid).build(), claims);
        sameKid.sign(new RSASSASigner(forged));
        signIn(sameKid.serialize(), nonce)
                .statusCode(401).body("error.message", containsString("signature"));
    }

    @Test
    void an_unsigned_token_and_junk_are_refused_and_missing_fields_are_named() {
        String nonce = OpenIdProvider.newNonce();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(idp.issuer("acme")).audience(CLIENT_ID).subject("u1")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .claim("email", "ann@acme.com").claim("email_verified", true).claim("nonce", nonce).build();
        signIn(new PlainJWT(new PlainHeader(), claims).serialize(), nonce).statusCode(401);
        signIn("not.a.jwt", nonce).statusCode(400).body("error.message", containsString("idToken"));
        api.anonymous().body(Map.of("idToken", "x")).post("/api/v1/sign-in/oidc")
                .then().statusCode(400).body("error.message", containsString("nonce"));
        api.anonymous().body(Map.of("nonce", nonce)).post("/api/v1/sign-in/oidc")
                .then().statusCode(400).body("error.message", containsString("idToken"));
    }
}
