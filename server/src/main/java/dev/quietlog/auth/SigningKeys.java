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
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's ES256 signing keys, kept in PostgreSQL so that every copy of the server signs
 * and verifies with the same keys and tokens survive restarts. Verification reloads the key
 * set when it meets an unknown kid, so a key rotated in by another copy works without a restart.
 * Private keys are stored encrypted ({@link KeyEncryption}); {@link #store} and {@link #load}
 * are the only places a key crosses into or out of the database.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final KeyEncryption encryption;
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant loadedAt = Instant.EPOCH;

    public SigningKeys(Jdbi jdbi, Clock clock, KeyEncryption encryption) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.encryption = encryption;
    }

    /** Loads the keys, creating the first one when the database has none. */
    public void initialise() {
        jdbi.useTransaction(h -> {
            h.execute("select pg_advisory_xact_lock(hashtext('quietlog.signing_keys'))");
            encryptPlaintextKeys(h);
            boolean none = h.createQuery("select count(*) = 0 from signing_keys where retired_at is null")
                    .mapTo(Boolean.class).one();
            if (none) {
                store(h, generate());
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
        List<JWK> parsed = jwks.stream().map(this::load).toList();
        keys = new JWKSet(parsed);
        loadedAt = clock.instant();
    }

    /** The one place a key is written: encrypted. */
    private void store(Handle h, ECKey key) {
        h.createUpdate("insert into signing_keys (kid, algorithm, private_jwk) values (?, ?, ?)")
                .bind(0, key.getKeyID()).bind(1, ALGORITHM.getName()).bind(2, encryption.encrypt(key.toJSONString()))
                .execute();
    }

    /** The one place a stored key is read back. */
    private JWK load(String stored) {
        try {
            return JWK.parse(encryption.decrypt(stored));
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is not a valid JWK", e);
        }
    }

    /** Keys written in plaintext by earlier versions are encrypted in place at start. */
    private void encryptPlaintextKeys(Handle h) {
        var plain = h.createQuery("select kid, private_jwk from signing_keys where private_jwk not like ?")
                .bind(0, KeyEncryption.PREFIX + "%")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        for (var row : plain) {
            h.createUpdate("update signing_keys set private_jwk = ? where kid = ?")
                    .bind(0, encryption.encrypt(row.getValue())).bind(1, row.getKey()).execute();
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
