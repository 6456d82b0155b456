package dev.quietlog.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.quietlog.app.ApiError;
import dev.quietlog.directory.EmailAddresses;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The email address an ID token vouches for, by each provider's own rule. The address is how
 * a signed-in person is matched to a Quietlog user, so it must be one the provider has
 * checked belongs to them, not merely one they typed into a profile.
 * <ul>
 * <li>Okta and other providers: {@code email} with {@code email_verified} true.</li>
 * <li>Google Workspace: the same, and {@code hd} (the Workspace domain, absent for consumer
 * Google accounts) must be one of the org's internal domains: the issuer
 * https://accounts.google.com is shared by every Google account in the world.</li>
 * <li>Microsoft Entra ID sends no {@code email_verified}. The issuer is tenant-specific, and
 * the {@code tid} claim must name that tenant. Accounts of the tenant itself are accepted
 * under their sign-in name ({@code preferred_username}, else {@code upn}), whose domain Entra
 * only allows among the tenant's verified domains; {@code email} only when Entra marks its
 * domain as verified by the owner ({@code xms_edov}). Guests from other tenants or consumer
 * accounts (an {@code idp} claim naming another issuer) are refused: their sign-in name is
 * their home address, which this tenant never verified.</li>
 * </ul>
 */
final class VerifiedAddress {
    private VerifiedAddress() {
    }

    static String of(SignInSettings settings, JWTClaimsSet claims, List<String> internalDomains) {
        return switch (settings.provider()) {
            case GENERIC, OKTA -> verifiedEmail(claims);
            case GOOGLE -> googleWorkspace(claims, internalDomains);
            case ENTRA -> entra(settings, claims);
        };
    }

    private static String verifiedEmail(JWTClaimsSet claims) {
        String email = address(claims, "email");
        if (!isTrue(claims.getClaim("email_verified"))) {
            throw refused("the provider does not say the address " + email + " is verified (email_verified is not true)");
        }
        return email;
    }

    private static String googleWorkspace(JWTClaimsSet claims, List<String> internalDomains) {
        String email = verifiedEmail(claims);
        Object hd = claims.getClaim("hd");
        if (!(hd instanceof String domain) || domain.isBlank()) {
            throw refused("not a Google Workspace account of your company (no hd claim): personal Google accounts cannot sign in");
        }
        String hosted = domain.toLowerCase(Locale.ROOT);
        if (!isInternal(hosted, internalDomains)) {
            throw refused("the Google Workspace domain " + hosted + " is not one of the org's internal domains");
        }
        return email;
    }

    private static String entra(SignInSettings settings, JWTClaimsSet claims) {
        Object tid = claims.getClaim("tid");
        List<String> issuerPath = Arrays.asList(URI.create(settings.issuer()).getPath().split("/"));
        if (!(tid instanceof String tenant) || tenant.isBlank() || !issuerPath.contains(tenant)) {
            throw refused("the tid claim does not name the tenant of the issuer " + settings.issuer());
        }
        Object idp = claims.getClaim("idp");
        if (idp instanceof String home && !home.equals(settings.issuer()) && !home.contains(tenant)) {
            throw refused("guest accounts from another directory (" + home + ") cannot sign in; IT must add you as a member");
        }
        if (claims.getClaim("email") != null && isTrue(claims.getClaim("xms_edov"))) {
            return address(claims, "email");
        }
        if (claims.getClaim("preferred_username") != null) {
            return address(claims, "preferred_username");
        }
        if (claims.getClaim("upn") != null) {
            return address(claims, "upn");
        }
        throw refused("it carries no sign-in name (preferred_username or upn); add the 'profile' scope");
    }

    private static String address(JWTClaimsSet claims, String claim) {
        Object raw = claims.getClaim(claim);
        if (raw == null) {
            throw refused("it carries no " + claim + " claim; the extension asks for the 'email' scope, check the app allows it");
        }
        String email = raw instanceof String s ? EmailAddresses.normalise(s) : null;
        if (email == null) {
            throw refused("its " + claim + " claim is not an email address");
        }
        return email;
    }

    private static boolean isTrue(Object value) {
        // Some providers send the boolean as a string.
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static boolean isInternal(String domain, List<String> internalDomains) {
        return internalDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    static ApiError refused(String why) {
        return new ApiError(401, "invalid_id_token", "ID token refused: " + why);
    }
}
