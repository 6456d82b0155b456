package dev.quietlog.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * RFC 8725 claim checks: exact issuer, an audience that is exactly ours (not merely one of
 * several), the required claims, and exp, nbf and iat against the server's clock with a small
 * skew. Nimbus checks exp and nbf; an iat in the future and a shared audience it lets through.
 */
final class StrictClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final String audience;
    private final Clock clock;

    StrictClaimsVerifier(String audience, String issuer, Set<String> required, Clock clock) {
        super(audience, new JWTClaimsSet.Builder().issuer(issuer).build(), required);
        setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        if (!List.of(audience).equals(claims.getAudience())) {
            throw new BadJWTException("JWT audience must be exactly " + audience);
        }
        Date iat = claims.getIssueTime();
        if (iat.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new BadJWTException("JWT issued in the future");
        }
    }
}
