package dev.quietlog.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.quietlog.app.Config;
import dev.quietlog.app.RunningServer;
import dev.quietlog.support.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the database (a dump, or a read of signing_keys) cannot sign or verify as the server
 * without the key encryption key, which lives outside the database.
 */
class SigningKeysAtRestTest extends ServerTest {

    private static List<String> storedKeys() {
        return server.database().jdbi().withHandle(h -> h.createQuery("select private_jwk from signing_keys")
                .mapTo(String.class).list());
    }

    private static KeyEncryption randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return KeyEncryption.of(key);
    }

    @Test
    void the_stored_private_key_is_ciphertext_not_a_jwk() {
        List<String> stored = storedKeys();
        assertFalse(stored.isEmpty());
        for (String value : stored) {
            assertTrue(value.startsWith("aes256gcm:v1:"), value);
            assertThrows(ParseException.class, () -> JWK.parse(value));
            assertFalse(value.contains("\"d\""), value);
            String d = server.services().signingKeys().current().getD().toString();
            assertFalse(value.contains(d), "the private scalar in clear");
        }
    }

    @Test
    void keys_read_with_another_key_encryption_key_refuse_to_load_with_a_clear_message() {
        SigningKeys thief = new SigningKeys(server.database().jdbi(), Clock.systemUTC(), randomKey());
        IllegalStateException e = assertThrows(IllegalStateException.class, thief::initialise);
        assertTrue(e.getMessage().contains("cannot be decrypted with this server's key encryption key"), e.getMessage());
    }

    @Test
    void a_plaintext_key_left_by_an_earlier_version_is_encrypted_at_start_and_still_verifies() throws Exception {
        ECKey old = new ECKeyGenerator(Curve.P_256).keyID("old-plaintext-key").generate();
        server.database().jdbi().useHandle(h -> h.execute(
                "insert into signing_keys (kid, algorithm, private_jwk, created_at) values (?, 'ES256', ?, now() - interval '1 day')",
                old.getKeyID(), old.toJSONString()));
        KeyEncryption same = KeyEncryption.load(null, null, server.services().config().dataDir());
        SigningKeys restarted = new SigningKeys(server.database().jdbi(), Clock.systemUTC(), same);
        restarted.initialise();
        String stored = server.database().jdbi().withHandle(h -> h.createQuery(
                "select private_jwk from signing_keys where kid = 'old-plaintext-key'").mapTo(String.class).one());
        assertTrue(stored.startsWith("aes256gcm:v1:"), stored);
        assertTrue(restarted.publicKeys().getKeyByKeyId("old-plaintext-key") != null);
        server.database().jdbi().useHandle(h -> h.execute("delete from signing_keys where kid = 'old-plaintext-key'"));
    }

    @Test
    void a_server_started_on_the_same_database_with_a_different_key_refuses_to_start(@TempDir Path dataDir) {
        Map<String, String> env = Map.of("PORT", "0", "QUIETLOG_DATA_DIR", dataDir.toString(),
                "QUIETLOG_ADMIN_EMAIL", "admin@acme.com");
        try (RunningServer first = RunningServer.start(Config.fromEnvironment(env))) {
            assertTrue(first.port() > 0);
        }
        Path keyFile = dataDir.resolve(KeyEncryption.DEFAULT_FILE);
        assertTrue(Files.exists(keyFile));
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Map<String, String> withOtherKey = new java.util.HashMap<>(env);
        withOtherKey.put("QUIETLOG_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(other));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunningServer.start(Config.fromEnvironment(withOtherKey)).close());
        assertTrue(e.getMessage().contains("QUIETLOG_KEY_ENCRYPTION_KEY"), e.getMessage());
    }

    @Test
    void a_key_encryption_key_that_is_not_32_bytes_of_base64_is_refused_by_name(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyEncryption.load("c2hvcnQ=", null, dir));
        assertTrue(e.getMessage().startsWith("QUIETLOG_KEY_ENCRYPTION_KEY must hold 32"), e.getMessage());
        Path missing = dir.resolve("nope");
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> KeyEncryption.load(null, missing, dir));
        assertTrue(m.getMessage().startsWith("QUIETLOG_KEY_FILE"), m.getMessage());
        Path file = dir.resolve("kek");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        KeyEncryption fromFile = KeyEncryption.load(null, file, dir);
        assertEquals("hello", KeyEncryption.of(key).decrypt(fromFile.encrypt("hello")));
    }
}
