package dev.quietlog.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.quietlog.support.Forge;
import dev.quietlog.support.ServerTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way of presenting a token that is not a good one gets 401 with the JSON error shape,
 * never a 500 and never access. Each forged token differs from a token the server would accept
 * in one thing only (the first test shows the unaltered one is accepted).
 */
class TokenAttacksAreRefusedTest extends ServerTest {
    private static Forge forge;

    @BeforeAll
    static void forge() {
        forge = new Forge(server);
    }

    private static ValidatableResponse refused(String token) {
        return api.as(token).get("/api/v1/me").then()
                .statusCode(401)
                .contentType(startsWith("application/json"))
                // access_withdrawn: a token that was good once (revoked, or its user deactivated), so the
                // extension can tell the rep plainly; otherwise unauthorized.
                .body("error.code", anyOf(equalTo("unauthorized"), equalTo("access_withdrawn")))
                .body("error.message", notNullValue());
    }

    private static Date in(Duration d) {
        return Date.from(Instant.now().plus(d));
    }

    @Test
    void the_unaltered_forge_is_accepted_so_each_refusal_below_is_for_its_one_defect() {
        api.as(forge.sign(forge.validHeader(), forge.validClaims())).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void alg_none_is_refused() {
        String header = Forge.b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + forge.serverKey().getKeyID() + "\"}");
        String claims = Forge.b64(forge.validClaims().build().toString());
        refused(header + "." + claims + ".");
        refused(header + "." + claims);
        String upper = Forge.b64("{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}");
        refused(upper + "." + claims + ".");
    }

    @Test
    void hs256_signed_with_the_servers_public_key_is_refused() throws Exception {
        ECKey pub = forge.serverKey().toPublicJWK();
        List<byte[]> secrets = List.of(
                pub.toECPublicKey().getEncoded(),
                pub.toJSONString().getBytes(),
                forge.serverKey().toPublicJWK().toJSONString().getBytes());
        for (byte[] secret : secrets) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(pub.getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
                    forge.validClaims().build());
            jwt.sign(new MACSigner(secret));
            refused(jwt.serialize());
        }
    }

    @Test
    void a_token_signed_by_an_unknown_kid_is_refused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("not-a-quietlog-key").generate();
        refused(Forge.sign(forge.validHeader().keyID(stranger.getKeyID()), forge.validClaims(), stranger));
        refused(Forge.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")),
                forge.validClaims(), stranger));
    }

    @Test
    void a_token_signed_by_a_retired_key_is_refused() throws Exception {
        ECKey retired = new ECKeyGenerator(Curve.P_256).keyID("retired-" + UUID.randomUUID()).generate();
        server.database().jdbi().useHandle(h -> h.execute(
                "insert into signing_keys (kid, algorithm, private_jwk, retired_at) values (?, 'ES256', ?, now())",
                retired.getKeyID(), retired.toJSONString()));
        refused(Forge.sign(forge.validHeader().keyID(retired.getKeyID()), forge.validClaims(), retired));
    }

    @Test
    void a_token_expired_beyond_the_clock_skew_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims()
                .issueTime(in(Duration.ofHours(-2))).expirationTime(in(Duration.ofMinutes(-5)))));
    }

    @Test
    void a_token_not_valid_before_a_future_time_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().notBeforeTime(in(Duration.ofMinutes(10)))));
    }

    @Test
    void a_token_issued_in_the_future_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims()
                .issueTime(in(Duration.ofMinutes(10))).expirationTime(in(Duration.ofHours(2)))));
    }

    @Test
    void a_wrong_issuer_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().issuer("quietlog-other")));
        refused(forge.sign(forge.validHeader(), forge.validClaims().issuer("QUIETLOG-TEST")));
    }

    @Test
    void a_wrong_or_extra_audience_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().audience("quietlog-dashboard")));
        refused(forge.sign(forge.validHeader(), forge.validClaims().audience(List.of("quietlog-api", "someone-else"))));
        refused(forge.sign(forge.validHeader(), forge.validClaims().audience((String) null)));
    }

    @Test
    void a_wrong_or_missing_typ_is_refused() {
        refused(forge.sign(forge.validHeader().type(new JOSEObjectType("JWT")), forge.validClaims()));
        refused(forge.sign(forge.validHeader().type(null), forge.validClaims()));
        refused(forge.sign(forge.validHeader().type(new JOSEObjectType("quietlog-session+jwt")), forge.validClaims()));
    }

    @Test
    void a_missing_required_claim_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().jwtID(null)));
        refused(forge.sign(forge.validHeader(), forge.validClaims().subject(null)));
        refused(forge.sign(forge.validHeader(), forge.validClaims().issueTime(null)));
        refused(forge.sign(forge.validHeader(), forge.validClaims().expirationTime(null)));
        refused(forge.sign(forge.validHeader(), forge.validClaims().claim("org", null)));
    }

    @Test
    void claims_of_the_wrong_type_are_refused_not_a_500() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().jwtID("not-a-uuid")));
        refused(forge.sign(forge.validHeader(), forge.validClaims().subject("../admin")));
        refused(forge.sign(forge.validHeader(), forge.validClaims().claim("org", 42)));
        refused(forge.sign(forge.validHeader(), forge.validClaims().claim("org", Map.of("id", "x"))));
    }

    @Test
    void a_jti_the_server_never_issued_is_refused() {
        refused(forge.sign(forge.validHeader(), forge.validClaims().jwtID(UUID.randomUUID().toString())));
    }

    @Test
    void a_revoked_token_is_refused() {
        String rep = api.userWithToken("revoked@acme.com", "Revoked Rep", "rep");
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        server.database().jdbi().useHandle(h -> h.execute("update access_tokens set revoked_at = now() where user_id = "
                + "(select id from users where email = 'revoked@acme.com')"));
        refused(rep);
    }

    @Test
    void a_deactivated_users_token_is_refused() {
        String rep = api.userWithToken("deactivated@acme.com", "Gone Rep", "rep");
        api.as(rep).get("/api/v1/me").then().statusCode(200);
        server.database().jdbi().useHandle(h -> h.execute("update users set active = false where email = 'deactivated@acme.com'"));
        refused(rep);
    }

    @Test
    void another_orgs_token_cannot_act_in_this_org() {
        String otherAdmin = server.database().jdbi().inTransaction(h -> server.services().directory()
                .createOrgWithAdmin(h, "Initrode", List.of("initrode.com"), "admin@initrode.com", Duration.ofDays(1))
                .token());
        TokenService.Verified other = server.services().tokens().verifyAccessToken(otherAdmin).orElseThrow();
        TokenService.Verified ours = server.services().tokens().verifyAccessToken(server.adminToken()).orElseThrow();
        // The other org's admin and jti, validly signed, but claiming to be in this org.
        refused(forge.sign(forge.validHeader(), new JWTClaimsSet.Builder()
                .issuer("quietlog-test").audience("quietlog-api")
                .subject(other.userId().toString()).claim("org", ours.orgId().toString())
                .jwtID(other.accessTokenId().toString())
                .issueTime(new Date()).expirationTime(in(Duration.ofHours(1)))));
        // This org's admin, carried by the other org's jti.
        refused(forge.sign(forge.validHeader(), new JWTClaimsSet.Builder()
                .issuer("quietlog-test").audience("quietlog-api")
                .subject(ours.userId().toString()).claim("org", ours.orgId().toString())
                .jwtID(other.accessTokenId().toString())
                .issueTime(new Date()).expirationTime(in(Duration.ofHours(1)))));
        // And the other org's genuine token sees its own org only.
        api.as(otherAdmin).get("/api/v1/me").then().statusCode(200).body("org.name", equalTo("Initrode"));
    }

    @Test
    void a_16_kilobyte_authorization_header_is_refused_with_the_json_error_shape() {
        String huge = "Bearer " + "a".repeat(16 * 1024);
        given().baseUri(server.baseUrl()).header("Authorization", huge).get("/api/v1/me").then()
                .statusCode(anyOf(equalTo(401), equalTo(431)))
                .contentType(startsWith("application/json"))
                .body("error.code", notNullValue())
                .body("error.message", notNullValue());
    }

    @Test
    void a_five_segment_token_is_refused() {
        String good = forge.sign(forge.validHeader(), forge.validClaims());
        refused(good + ".AAAA.BBBB");
        String jweHeader = Forge.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\"}");
        refused(jweHeader + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        refused("a.b.c.d.e");
    }

    @Test
    void bad_base64_is_refused() {
        String good = forge.sign(forge.validHeader(), forge.validClaims());
        String[] parts = good.split("\\.");
        refused(parts[0] + "!*." + parts[1] + "." + parts[2]);
        refused(parts[0] + "." + parts[1] + "%%." + parts[2]);
        refused(parts[0] + "." + parts[1] + "." + parts[2] + "===");
        refused(Forge.b64("{not json") + "." + parts[1] + "." + parts[2]);
        refused("..");
        refused("");
    }
}
