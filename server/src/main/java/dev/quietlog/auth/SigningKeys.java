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
import dev.quietlog.app.ApiError;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's ES256 signing keys, kept in PostgreSQL so that every copy of the server signs
 * and verifies with the same keys and tokens survive restarts. Private keys are stored encrypted
 * ({@link KeyEncryption}); {@link #store} and {@link #load} are the only places a key crosses into
 * or out of the database.
 *
 * Rotation adds a key that signs from then on; older keys keep verifying until retired. Each
 * copy keeps the active keys in memory for signature checks and reloads them when it meets an
 * unknown kid (so a key rotated in by another copy works without a restart) or when they are a
 * minute old. A retired key is refused at once on every copy all the same: the per-request
 * database check ({@code DirectoryDao.findPrincipal}) asks whether the token's kid is still
 * active, so no copy's memory can outlive a retirement. Signing and the published JWKS read the
 * database each time (both are rare), so they follow a rotation made by another copy at once.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    private static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('quietlog.signing_keys'))";

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

    /** A key as an admin sees it: never the private half. */
    public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt, String status) {
    }

    /** Loads the keys, creating the first one when the database has none. */
    public void initialise() {
        jdbi.useTransaction(h -> {
            h.execute(LOCK);
            encryptPlaintextKeys(h);
            boolean none = h.createQuery("select count(*) = 0 from signing_keys where retired_at is null")
                    .mapTo(Boolean.class).one();
            if (none) {
                store(h, generate());
            }
        });
        reload();
    }

    /** Adds a new key; it signs every token from now on, on every copy. */
    public KeyInfo rotate() {
        ECKey key = generate();
        jdbi.useTransaction(h -> {
            h.execute(LOCK);
            store(h, key);
        });
        reload();
        return list().stream().filter(k -> k.kid().equals(key.getKeyID())).findFirst().orElseThrow();
    }

    /**
     * Retires a key: tokens it signed are refused from the next request on, on every copy.
     * The last active key cannot be retired, or nothing could sign.
     */
    public KeyInfo retire(String kid) {
        jdbi.useTransaction(h -> {
            h.execute(LOCK);
            Optional<Instant> retiredAt = h.createQuery("select retired_at from signing_keys where kid = :kid")
                    .bind("kid", kid).map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant))
                    .findOne().orElseThrow(() -> ApiError.notFound("kid: no signing key " + kid));
            if (retiredAt.isPresent()) {
                return;
            }
            long active = h.createQuery("select count(*) from signing_keys where retired_at is null").mapTo(Long.class).one();
            if (active <= 1) {
                throw ApiError.conflict("kid: " + kid + " is the only active key; rotate first, then retire it");
            }
            h.createUpdate("update signing_keys set retired_at = now() where kid = :kid").bind("kid", kid).execute();
        });
        reload();
        return list().stream().filter(k -> k.kid().equals(kid)).findFirst().orElseThrow();
    }

    /** Every key, newest first; the newest active one is "current" (it signs). */
    public List<KeyInfo> list() {
        List<KeyInfo> rows = jdbi.withHandle(h -> h.createQuery(
                        "select kid, algorithm, created_at, retired_at from signing_keys order by created_at desc, kid")
                .map((rs, ctx) -> new KeyInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(4) == null ? "active" : "retired"))
                .list());
        List<KeyInfo> out = new ArrayList<>();
        boolean currentSeen = false;
        for (KeyInfo k : rows) {
            if (!currentSeen && k.retiredAt() == null) {
                currentSeen = true;
                k = new KeyInfo(k.kid(), k.algorithm(), k.createdAt(), null, "current");
            }
            out.add(k);
        }
        return out;
    }

    /** The newest active key, read from the database so a rotation by any copy takes effect at once. */
    public ECKey current() {
        List<JWK> all = reload();
        if (all.isEmpty()) {
            throw new IllegalStateException("no signing key loaded");
        }
        return all.get(0).toECKey();
    }

    /** Public halves of every active key, for /.well-known/jwks.json. */
    public JWKSet publicKeys() {
        return new JWKSet(reload()).toPublicJWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Duration age = Duration.between(loadedAt, clock.instant());
        if (age.compareTo(MAX_AGE) > 0) {
            reload();
        }
        List<JWK> found = selector.select(keys);
        if (found.isEmpty() && Duration.between(loadedAt, clock.instant()).compareTo(MIN_RELOAD_INTERVAL) > 0) {
            reload();
            found = selector.select(keys);
        }
        return found;
    }

    private List<JWK> reload() {
        List<JWK> parsed = jdbi.withHandle(this::loadActive);
        keys = new JWKSet(parsed);
        loadedAt = clock.instant();
        return parsed;
    }

    /** The one place keys are read: the active ones, newest first. */
    private List<JWK> loadActive(Handle h) {
        return h.createQuery("select private_jwk from signing_keys where retired_at is null order by created_at desc, kid")
                .mapTo(String.class).list().stream().map(this::load).toList();
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
