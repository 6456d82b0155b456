package dev.quietlog.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's ES256 signing keys, kept in PostgreSQL so that every copy of the server signs
 * and verifies with the same keys and tokens survive restarts. Verification reloads the key
 * set when it meets an unknown kid, so a key rotated in by another copy works without a restart.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Loads the keys, creating the first one when the database has none. */
    public void initialise() {
        jdbi.useTransaction(h -> {
            h.execute("select pg_advisory_xact_lock(hashtext('quietlog.signing_keys'))");
            boolean none = h.createQuery("select count(*) = 0 from signing_keys where retired_at is null")
                    .mapTo(Boolean.class).one();
            if (none) {
                ECKey key = generate();
                h.createUpdate("insert into signing_keys (kid, algorithm, private_jwk) values (?, ?, ?)")
                        .bind(0, key.getKeyID()).bind(1, ALGORITHM.getName()).bind(2, key.toJSONString())
                        .execute();
            }
        });
        reload();
    }

    /** The newest active key: new tokens are signed with it. */
    public ECKey current() {
        List<JWK> all = keys.getKeys();
        if (all.isEmpty()) {
            throw new IllegalStateException("no signing key loaded");
        }
        return all.get(0).toECKey();
    }

    /** Public halves of every active key, for /.well-known/jwks.json. */
    public JWKSet publicKeys() {
        return keys.toPublicJWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && Duration.between(loadedAt, clock.instant()).compareTo(MIN_RELOAD_INTERVAL) > 0) {
            reload();
            found = selector.select(keys);
        }
        return found;
    }

    private void reload() {
        List<String> jwks = jdbi.withHandle(h -> h.createQuery(
                        "select private_jwk from signing_keys where retired_at is null order by created_at desc")
                .mapTo(String.class).list());
        List<JWK> parsed = jwks.stream().map(SigningKeys::parse).toList();
        keys = new JWKSet(parsed);
        loadedAt = clock.instant();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is not a valid JWK", e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }
}
