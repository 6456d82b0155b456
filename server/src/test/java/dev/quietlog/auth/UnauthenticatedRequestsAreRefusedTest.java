package dev.quietlog.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.quietlog.support.ServerTest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnauthenticatedRequestsAreRefusedTest extends ServerTest {

    @Test
    void no_token_is_401_with_the_json_error_shape() {
        api.anonymous().get("/api/v1/me")
                .then().statusCode(401)
                .body("error.code", equalTo("unauthorized"))
                .body("error.message", containsString("token"));
    }

    @Test
    void a_garbage_token_is_401() {
        api.as("not.a.jwt").get("/api/v1/me").then().statusCode(401);
        given().baseUri(server.baseUrl()).header("Authorization", "Basic dXNlcjpwYXNz")
                .get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void a_token_signed_by_another_key_is_401_even_when_it_borrows_the_servers_kid() throws Exception {
        ECKey serverKey = server.services().signingKeys().current();
        String orgId = server.services().tokens().verifyAccessToken(server.adminToken()).orElseThrow().orgId().toString();
        String userId = server.services().tokens().verifyAccessToken(server.adminToken()).orElseThrow().userId().toString();
        for (String kid : new String[] {serverKey.getKeyID(), "someone-elses-key"}) {
            ECKey forged = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(new JOSEObjectType("at+jwt")).build(),
                    new JWTClaimsSet.Builder()
                            .issuer("quietlog-test").audience("quietlog-api")
                            .subject(userId).claim("org", orgId).jwtID(UUID.randomUUID().toString())
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                            .build());
            jwt.sign(new ECDSASigner(forged));
            api.as(jwt.serialize()).get("/api/v1/me").then().statusCode(401);
        }
    }

    @Test
    void malformed_json_is_400_with_the_json_error_shape() {
        String token = api.userWithToken("json@acme.com", "Json Rep", "rep");
        api.as(token).body("{\"events\": [").post("/api/v1/captures")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", containsString("not valid JSON"));
    }

    @Test
    void an_unknown_path_is_404_with_the_json_error_shape() {
        api.anonymous().get("/api/v1/nothing-here")
                .then().statusCode(404).body("error.code", equalTo("not_found"));
    }
}
