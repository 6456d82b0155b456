package dev.quietlog.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.quietlog.app.ApiError;
import java.text.ParseException;
import java.util.Locale;

/**
 * Checks an ID token with Nimbus's OpenID Connect validator: signature with one of the
 * provider's published keys and one of its asymmetric algorithms, exact issuer, the org's
 * client id in the audience (and as azp when there are several), the nonce the extension made
 * for this sign-in, exp and iat within a one-minute clock skew.
 */
final class IdTokenCheck {
    static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private IdTokenCheck() {
    }

    static JWTClaimsSet validate(SignInSettings settings, OidcProviders.Provider provider, String idToken, String nonce) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw ApiError.badRequest("idToken: not a JWT");
        }
        if (!(jwt instanceof SignedJWT)) {
            throw VerifiedAddress.refused("it is not signed");
        }
        // The issuer is checked again, with the signature, by the validator; naming it first
        // only makes the refusal clearer (another issuer's token fails on its key otherwise).
        if (!settings.issuer().equals(unverifiedIssuer(jwt))) {
            throw VerifiedAddress.refused("it was not issued by the org's provider " + settings.issuer());
        }
        var keySelector = new JWSVerificationKeySelector<SecurityContext>(provider.idTokenAlgorithms(), provider.keys());
        var validator = new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()), keySelector, null);
        validator.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        try {
            return validator.validate(jwt, new Nonce(nonce)).toJWTClaimsSet();
        } catch (BadJOSEException e) {
            throw VerifiedAddress.refused(explain(e.getMessage(), settings));
        } catch (JOSEException e) {
            throw VerifiedAddress.refused("its signature does not verify with the provider's published keys");
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw VerifiedAddress.refused("its claims are malformed: " + e.getMessage());
        }
    }

    private static String unverifiedIssuer(JWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw ApiError.badRequest("idToken: its claims are not a JSON object");
        }
    }

    /** Nimbus's reasons, said in terms of this org's settings. */
    private static String explain(String nimbus, SignInSettings settings) {
        String m = nimbus == null ? "" : nimbus.toLowerCase(Locale.ROOT);
        if (m.contains("issuer")) {
            return "it was not issued by the org's provider " + settings.issuer();
        }
        if (m.contains("audience") || m.contains("azp")) {
            return "it was issued for another application, not the org's client id " + settings.clientId();
        }
        if (m.contains("nonce")) {
            return "its nonce does not match this sign-in";
        }
        if (m.contains("expired")) {
            return "it has expired";
        }
        if (m.contains("iat") || m.contains("future")) {
            return "its issue time is in the future";
        }
        if (m.contains("no matching key") || m.contains("signature") || m.contains("algorithm")) {
            return "its signature does not verify with the provider's published keys";
        }
        return nimbus;
    }
}
