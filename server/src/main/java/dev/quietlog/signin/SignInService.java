package dev.quietlog.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.quietlog.app.ApiError;
import dev.quietlog.directory.DirectoryService;
import dev.quietlog.directory.PolicyService;
import dev.quietlog.directory.User;
import dev.quietlog.auth.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A rep's sign-in through the org's OpenID provider: the extension hands over the ID token
 * it got (authorization code with PKCE) and the nonce it made; if the provider vouches for an
 * address of an active user of the org, the answer is a Quietlog token like any other
 * (listed, revocable, refused once the user is deactivated).
 */
public final class SignInService {
    private static final int MIN_NONCE = 16;
    private static final int MAX_NONCE = 256;

    private final Jdbi jdbi;
    private final SignInSettingsService settings;
    private final OidcProviders providers;
    private final PolicyService policies;
    private final DirectoryService directory;
    private final Duration tokenTtl;
    private final Clock clock;

    public SignInService(Jdbi jdbi, SignInSettingsService settings, OidcProviders providers, PolicyService policies,
                         DirectoryService directory, Duration tokenTtl, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.providers = providers;
        this.policies = policies;
        this.directory = directory;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
    }

    /**
     * What the extension needs to start a sign-in: the provider's endpoints come from its
     * discovery document. responseType is "code" (authorization code with PKCE) except for
     * Google, whose token endpoint will not redeem a code without the client secret, which a
     * browser extension cannot keep: there the ID token comes straight back ("id_token",
     * OpenID Connect's implicit flow), bound to this sign-in by its nonce.
     */
    public record Start(UUID orgId, String displayName, String provider, String issuer, String clientId,
                       String authorizationEndpoint, String tokenEndpoint, String responseType) {
    }

    public record SignedIn(String token, Instant expiresAt, String email, String name, String role) {
    }

    public Start start(String orgParam) {
        SignInSettings s = settings.resolve(orgParam);
        OidcProviders.Provider p = provider(s);
        return new Start(s.orgId(), s.displayName(), s.provider().wireName(), s.issuer(), s.clientId(),
                p.authorizationEndpoint().toString(), p.tokenEndpoint().toString(),
                s.provider() == IdentityProvider.GOOGLE ? "id_token" : "code");
    }

    public SignedIn signIn(String orgParam, String idToken, String nonce) {
        if (idToken == null || idToken.isBlank()) {
            throw ApiError.badRequest("idToken: required, the ID token from the provider's token endpoint");
        }
        if (nonce == null || nonce.length() < MIN_NONCE || nonce.length() > MAX_NONCE) {
            throw ApiError.badRequest("nonce: required, the " + MIN_NONCE + " to " + MAX_NONCE
                    + " character nonce sent in the authorization request");
        }
        SignInSettings s = settings.resolve(orgParam);
        JWTClaimsSet claims = IdTokenCheck.validate(s, provider(s), idToken.strip(), nonce);
        String email = VerifiedAddress.of(s, claims, policies.orgPolicy(s.orgId()).internalDomains());
        return jdbi.inTransaction(h -> {
            User user = userWithAddress(h, s.orgId(), email).orElseThrow(() -> new ApiError(403, "not_provisioned",
                    "No Quietlog user has the address " + email + " in this organisation; ask IT to add you"));
            if (!user.active()) {
                throw new ApiError(403, "deactivated", "Your access to Quietlog was withdrawn by your company (" + email + ")");
            }
            useNonceOnce(h, s.orgId(), nonce, claims.getExpirationTime().toInstant());
            var issued = directory.issue(h, user, tokenTtl);
            return new SignedIn(issued.token(), issued.expiresAt(), user.email(), user.name(), user.role().wireName());
        });
    }

    private OidcProviders.Provider provider(SignInSettings s) {
        try {
            return providers.get(s.issuer());
        } catch (OidcProviders.DiscoveryFailed e) {
            throw new ApiError(502, "provider_unavailable", "The sign-in provider cannot be used right now: " + e.getMessage());
        }
    }

    /** Matched case-insensitively: stored addresses are lower case, and so is the provider's after normalising. */
    private static Optional<User> userWithAddress(Handle h, UUID orgId, String email) {
        return h.createQuery("select org_id, id, email, name, role, active from users where org_id = :org and email = :email")
                .bind("org", orgId).bind("email", email)
                .map((rs, ctx) -> new User(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), Role.fromWire(rs.getString(5)), rs.getBoolean(6)))
                .findOne();
    }

    private void useNonceOnce(Handle h, UUID orgId, String nonce, Instant idTokenExpiry) {
        Instant now = clock.instant();
        h.createUpdate("delete from oidc_used_nonces where expires_at < :now").bind("now", now).execute();
        int inserted = h.createUpdate("""
                        insert into oidc_used_nonces (org_id, nonce_hash, expires_at) values (:org, :hash, :expires)
                        on conflict do nothing""")
                .bind("org", orgId).bind("hash", sha256(nonce))
                .bind("expires", idTokenExpiry.plusSeconds(IdTokenCheck.MAX_CLOCK_SKEW_SECONDS))
                .execute();
        if (inserted == 0) {
            throw VerifiedAddress.refused("this sign-in was already used; sign in again");
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
