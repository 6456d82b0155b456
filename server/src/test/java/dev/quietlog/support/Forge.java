package dev.quietlog.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.quietlog.auth.TokenService;
import dev.quietlog.directory.DirectoryDao;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Builds tokens the way an attacker (or a careless client) would, from a token the server issued:
 * the same claims, one thing changed. The claims start out valid and the jti is registered in the
 * database, so a refusal can only come from the one defect under test.
 */
public final class Forge {
    private final TestServer server;

    public Forge(TestServer server) {
        this.server = server;
    }

    /** Valid claims for the admin of the test org, with a freshly registered jti. */
    public JWTClaimsSet.Builder validClaims() {
        TokenService.Verified admin = server.services().tokens().verifyAccessToken(server.adminToken()).orElseThrow();
        UUID jti = UUID.randomUUID();
        Instant now = Instant.now();
        Instant exp = now.plusSeconds(3600);
        server.database().jdbi().useExtension(DirectoryDao.class,
                dao -> dao.insertToken(admin.orgId(), jti, admin.userId(), now, exp));
        return new JWTClaimsSet.Builder()
                .issuer("quietlog-test").audience("quietlog-api")
                .subject(admin.userId().toString()).claim("org", admin.orgId().toString())
                .jwtID(jti.toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(exp));
    }

    public JWSHeader.Builder validHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(serverKey().getKeyID()).type(new JOSEObjectType("at+jwt"));
    }

    public ECKey serverKey() {
        return server.services().signingKeys().current();
    }

    /** Signed with the server's own current key. */
    public String sign(JWSHeader.Builder header, JWTClaimsSet.Builder claims) {
        return sign(header, claims, serverKey());
    }

    public static String sign(JWSHeader.Builder header, JWTClaimsSet.Builder claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header.build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
