package dev.quietlog.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Signs and verifies Quietlog's JWTs. Two kinds, told apart by an explicit typ header and
 * audience so that neither can stand in for the other: API access tokens (carried as Bearer)
 * and SCIM tokens (valid on /scim/v2 only). Dashboard sessions are not JWTs: they are
 * server-side rows (auth/Sessions) named by a random cookie.
 */
public final class TokenService {
    public static final JOSEObjectType ACCESS_TYPE = new JOSEObjectType("at+jwt");
    static final String ACCESS_AUDIENCE = "quietlog-api";
    /** An identity provider's SCIM token: valid on /scim/v2 only, and nothing else is valid there. */
    public static final JOSEObjectType SCIM_TYPE = new JOSEObjectType("quietlog-scim+jwt");
    static final String SCIM_AUDIENCE = "quietlog-scim";
    private static final Set<String> REQUIRED = Set.of("sub", "jti", "iat", "exp", "org");
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> accessProcessor;
    private final DefaultJWTProcessor<SecurityContext> scimProcessor;
    private final Cache<String, Verified> recentlyVerified = CacheBuilder.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    public TokenService(SigningKeys keys, String issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
        this.accessProcessor = processor(ACCESS_TYPE, ACCESS_AUDIENCE);
        this.scimProcessor = processor(SCIM_TYPE, SCIM_AUDIENCE);
    }

    /** A freshly signed token and the claims it carries. */
    public record Signed(String token, UUID jti, Instant issuedAt, Instant expiresAt) {
    }

    /** What a verified token says; whether it still holds is for the database to answer. */
    public record Verified(UUID orgId, UUID userId, UUID accessTokenId, Instant expiresAt, String kid) {
    }

    public Signed signAccessToken(UUID orgId, UUID userId, Duration ttl) {
        return sign(ACCESS_TYPE, ACCESS_AUDIENCE, orgId, userId, ttl);
    }

    /** A SCIM token belongs to the org (its subject), not to a user. */
    public Signed signScimToken(UUID orgId, Duration ttl) {
        return sign(SCIM_TYPE, SCIM_AUDIENCE, orgId, orgId, ttl);
    }

    /** Verifies a SCIM bearer token; the answer has no user (userId is null). */
    public Optional<Verified> verifyScimToken(String token) {
        return verify(scimProcessor, token)
                .filter(v -> v.userId().equals(v.orgId()))
                .map(v -> new Verified(v.orgId(), null, v.accessTokenId(), v.expiresAt(), v.kid()));
    }

    /**
     * Verifies a Bearer token. A signature check costs more than the whole database lookup that
     * follows it, and a rep's extension sends the same token all day, so good results are kept
     * for a few minutes (never past the token's expiry). Revocation is unaffected: the database
     * is asked on every request.
     */
    public Optional<Verified> verifyAccessToken(String token) {
        Verified cached = recentlyVerified.getIfPresent(token);
        if (cached != null && cached.expiresAt().isAfter(clock.instant())) {
            return Optional.of(cached);
        }
        Optional<Verified> verified = verify(accessProcessor, token);
        verified.ifPresent(v -> recentlyVerified.put(token, v));
        return verified;
    }

    private Signed sign(JOSEObjectType type, String audience, UUID orgId, UUID userId, Duration ttl) {
        ECKey key = keys.current();
        UUID jti = UUID.randomUUID();
        // Whole seconds: JWT times are NumericDate seconds, and stored rows must match them.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant exp = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId.toString())
                .jwtID(jti.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .claim("org", orgId.toString());
        JWSHeader header = new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID()).type(type).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return new Signed(jwt.serialize(), jti, now, exp);
    }

    private Optional<Verified> verify(DefaultJWTProcessor<SecurityContext> processor, String token) {
        // Only the compact JWS form, in canonical base64url: no JWE (five parts), no unsecured
        // (empty signature), no padding or stray characters that would make one token many strings.
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !COMPACT_JWS.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            JWTClaimsSet claims = processor.process(jwt, null);
            UUID org = UUID.fromString(claims.getStringClaim("org"));
            UUID user = UUID.fromString(claims.getSubject());
            UUID accessId = UUID.fromString(claims.getJWTID());
            return Optional.of(new Verified(org, user, accessId, claims.getExpirationTime().toInstant(),
                    jwt.getHeader().getKeyID()));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            // Whatever a hostile token makes a parser throw, the answer is "not a valid token".
            return Optional.empty();
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(JOSEObjectType type, String audience) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(SigningKeys.ALGORITHM, keys));
        p.setJWTClaimsSetVerifier(new StrictClaimsVerifier(audience, issuer, REQUIRED, clock));
        return p;
    }
}
