package dev.quietlog.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the private signing keys before they reach the database (AES-256-GCM), under a key
 * the operator keeps outside it, so that a dump or a read of signing_keys alone cannot mint
 * tokens. The key comes from QUIETLOG_KEY_ENCRYPTION_KEY (base64), else QUIETLOG_KEY_FILE,
 * else a file in the data dir that is created, readable only by the server's user, on first use.
 */
public final class KeyEncryption {
    /** Marks a stored value as ours; a plaintext JWK (written by earlier versions) starts with "{". */
    static final String PREFIX = "aes256gcm:v1:";
    public static final String DEFAULT_FILE = "signing-key-encryption-key";
    private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Bound into every ciphertext so that it cannot be passed off as any other encrypted value. */
    private static final byte[] CONTEXT = "quietlog signing key".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final String source;
    private final SecureRandom random = new SecureRandom();

    private KeyEncryption(byte[] key, String source) {
        this.key = new SecretKeySpec(key, "AES");
        this.source = source;
    }

    /**
     * The operator's key: base64 from the environment if given, else the file named by
     * QUIETLOG_KEY_FILE (which must exist), else the data dir's own file (created if missing).
     */
    public static KeyEncryption load(String base64Key, Path keyFile, Path dataDir) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new KeyEncryption(decodeKey(base64Key, "QUIETLOG_KEY_ENCRYPTION_KEY"), "QUIETLOG_KEY_ENCRYPTION_KEY");
        }
        if (keyFile != null) {
            if (!Files.isReadable(keyFile)) {
                throw new IllegalArgumentException("QUIETLOG_KEY_FILE " + keyFile + " does not exist or cannot be read");
            }
            return new KeyEncryption(decodeKey(read(keyFile), "QUIETLOG_KEY_FILE " + keyFile), "QUIETLOG_KEY_FILE " + keyFile);
        }
        Path file = dataDir.resolve(DEFAULT_FILE);
        if (!Files.exists(file)) {
            create(file);
            log.info("Created the key that encrypts the signing keys at rest: {} (back it up with the database)", file);
        }
        return new KeyEncryption(decodeKey(read(file), file.toString()), file.toString());
    }

    /** A key given directly, for tests and tools. */
    public static KeyEncryption of(byte[] key) {
        return new KeyEncryption(key.clone(), "a key given in code");
    }

    public static boolean isEncrypted(String stored) {
        return stored.startsWith(PREFIX);
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a signing key", e);
        }
    }

    /** The plaintext of a value {@link #encrypt} made with the same key; a clear refusal otherwise. */
    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            throw new IllegalStateException("a stored signing key is not encrypted; it is encrypted when the server starts");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored signing key is damaged (not base64)");
        }
        if (in.length <= NONCE_BYTES) {
            throw new IllegalStateException("a stored signing key is damaged (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The signing keys in the database cannot be decrypted with this server's key "
                    + "encryption key (" + source + "): it is not the key they were encrypted with. Start the server "
                    + "with the same QUIETLOG_KEY_ENCRYPTION_KEY or QUIETLOG_KEY_FILE as the server that created them.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not decrypt a signing key", e);
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] bytes;
        try {
            String trimmed = base64.trim();
            bytes = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must hold " + KEY_BYTES
                    + " random bytes in base64 (for example: openssl rand -base64 32); it is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException(where + " must hold " + KEY_BYTES
                    + " random bytes in base64 (for example: openssl rand -base64 32); it holds " + bytes.length);
        }
        return bytes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the key encryption key from " + file, e);
        }
    }

    private static void create(Path file) {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the key encryption key file " + file, e);
        }
    }
}
