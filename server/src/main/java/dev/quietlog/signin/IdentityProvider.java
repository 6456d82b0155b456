package dev.quietlog.signin;

import java.net.URI;
import java.util.Locale;

/**
 * Which kind of OpenID provider an org uses. They differ in how an ID token vouches for the
 * user's email address, so each has its own rule in {@link VerifiedAddress}.
 */
public enum IdentityProvider {
    GENERIC, OKTA, ENTRA, GOOGLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IdentityProvider fromWire(String value) {
        for (IdentityProvider p : values()) {
            if (p.wireName().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("must be one of generic, okta, entra, google");
    }

    /** The kind an issuer's host says it is; anything unknown is a plain OpenID provider. */
    public static IdentityProvider inferFrom(URI issuer) {
        String host = issuer.getHost() == null ? "" : issuer.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("login.microsoftonline.com") || host.equals("sts.windows.net")) {
            return ENTRA;
        }
        if (host.equals("accounts.google.com")) {
            return GOOGLE;
        }
        if (host.endsWith(".okta.com") || host.endsWith(".oktapreview.com") || host.endsWith(".okta-emea.com")) {
            return OKTA;
        }
        return GENERIC;
    }
}
