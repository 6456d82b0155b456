package dev.quietlog.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.Cli;
import dev.quietlog.support.ServerTest;
import dev.quietlog.support.TestServer;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.security.Key;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign with key A, rotate to B: A's tokens still verify, new tokens are B's; retire A: A's
 * tokens are refused at once on every server copy, including one that had A in memory. Tokens
 * verify with a third-party JWT library (jjwt) against the published JWKS.
 */
class SigningKeyRotationTest extends ServerTest {

    private static String kidOf(String token) {
        return server.services().tokens().verifyAccessToken(token).orElseThrow().kid();
    }

    private static List<String> publishedKids(TestServer s) {
        return given().baseUri(s.baseUrl()).get("/.well-known/jwks.json").then().statusCode(200)
                .extract().jsonPath().getList("keys.kid");
    }

    /** jjwt, knowing nothing of Quietlog but its JWKS URL's content, issuer and audience. */
    private static Claims verifyWithJjwt(TestServer s, String token) {
        String json = given().baseUri(s.baseUrl()).get("/.well-known/jwks.json").then().extract().asString();
        JwkSet jwks = Jwks.setParser().build().parse(json);
        LocatorAdapter<Key> byKid = new LocatorAdapter<>() {
            @Override
            protected Key locate(JwsHeader header) {
                return jwks.getKeys().stream().filter(k -> k.getId().equals(header.getKeyId()))
                        .findFirst().map(Jwk::toKey).orElseThrow(() -> new JwtException("kid not in the JWKS"));
            }
        };
        return Jwts.parser().keyLocator(byKid).requireIssuer("quietlog-test").requireAudience("quietlog-api")
                .build().parseSignedClaims(token).getPayload();
    }

    @Test
    void sign_with_a_rotate_to_b_then_retire_a_on_every_copy() {
        try (TestServer copy = server.anotherCopy()) {
            String repA = api.userWithToken("rot@acme.com", "Rot Rep", "rep");
            String kidA = kidOf(repA);
            // The second copy has A in memory, and has verified this token once.
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + repA).get("/api/v1/me").then().statusCode(200);
            assertEquals(List.of(kidA), publishedKids(server));
            assertEquals("quietlog-test", verifyWithJjwt(server, repA).getIssuer());

            Cli.Run rotated = Cli.quietlog(server, "keys", "rotate");
            assertEquals(0, rotated.exitCode(), rotated.err());
            String kidB = api.as(server.adminToken()).get("/api/v1/admin/keys").then().statusCode(200)
                    .body("keys[0].status", equalTo("current"))
                    .body("keys[1].kid", equalTo(kidA)).body("keys[1].status", equalTo("active"))
                    .extract().path("keys[0].kid");
            assertNotEquals(kidA, kidB);
            assertTrue(rotated.out().contains(kidB), rotated.out());
            assertEquals(List.of(kidB, kidA), publishedKids(server));
            assertEquals(List.of(kidB, kidA), publishedKids(copy));

            // A's tokens still verify, on both copies; tokens issued now, on either copy, are B's.
            api.as(repA).get("/api/v1/me").then().statusCode(200);
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + repA).get("/api/v1/me").then().statusCode(200);
            String adminB = given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + server.adminToken())
                    .contentType("application/json").body(Map.of("email", "admin@acme.com"))
                    .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
            String repB = api.as(adminB).body(Map.of("email", "rot@acme.com")).post("/api/v1/admin/tokens")
                    .then().statusCode(201).extract().path("token");
            assertEquals(kidB, kidOf(adminB));
            assertEquals(kidB, kidOf(repB));
            api.as(repB).get("/api/v1/me").then().statusCode(200);
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + repB).get("/api/v1/me").then().statusCode(200);
            assertEquals("quietlog-test", verifyWithJjwt(copy, repA).getIssuer());
            assertEquals("quietlog-test", verifyWithJjwt(copy, repB).getIssuer());

            // Retire A: refused at once everywhere, though the second copy verified it a moment ago.
            api.as(adminB).post("/api/v1/admin/keys/" + kidA + "/retire").then().statusCode(200)
                    .body("status", equalTo("retired"));
            api.as(repA).get("/api/v1/me").then().statusCode(401);
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + repA).get("/api/v1/me").then().statusCode(401);
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + server.adminToken())
                    .get("/api/v1/admin/keys").then().statusCode(401);
            api.as(repB).get("/api/v1/me").then().statusCode(200);
            given().baseUri(copy.baseUrl()).header("Authorization", "Bearer " + repB).get("/api/v1/me").then().statusCode(200);
            assertEquals(List.of(kidB), publishedKids(copy));
            assertThrows(JwtException.class, () -> verifyWithJjwt(copy, repA));
            assertEquals("quietlog-test", verifyWithJjwt(copy, repB).getIssuer());

            // The last active key cannot be retired; an unknown kid is 404.
            api.as(adminB).post("/api/v1/admin/keys/" + kidB + "/retire").then().statusCode(409)
                    .body("error.message", containsString("rotate first"));
            api.as(adminB).post("/api/v1/admin/keys/no-such-kid/retire").then().statusCode(404);
            api.as(repB).post("/api/v1/admin/keys/rotate").then().statusCode(403);
        }
    }
}
