package dev.quietlog.signin;

import java.util.UUID;

/** An org's single sign-on: its OpenID provider, the client id IT registered there, and the button's name. */
public record SignInSettings(UUID orgId, IdentityProvider provider, String issuer, String clientId, String displayName) {

    /** What the admin API, /api/v1/me and the extension see. */
    public View view() {
        return new View(orgId, provider.wireName(), issuer, clientId, displayName);
    }

    public record View(UUID orgId, String provider, String issuer, String clientId, String displayName) {
    }
}
