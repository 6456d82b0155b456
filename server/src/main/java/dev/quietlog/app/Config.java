package dev.quietlog.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, read once at start and passed down.
 * Every variable is listed in README.md.
 */
public record Config(
        int port,
        String databaseUrl,
        Path dataDir,
        String issuer,
        String orgName,
        String adminEmail,
        List<String> internalDomains,
        Duration repTokenTtl,
        Duration sessionTtl,
        boolean secureCookies,
        int captureRequestsPerMinute,
        int databasePoolSize,
        int writeRequestsPerMinute,
        boolean trustProxy,
        String keyEncryptionKey,
        Path keyFile) {

    /** The longest a token may live, in days (the admin API's ttlDays has the same bound). */
    public static final int MAX_TOKEN_TTL_DAYS = 730;

    public static Config fromEnvironment(Map<String, String> env) {
        String adminEmail = env.getOrDefault("QUIETLOG_ADMIN_EMAIL", "admin@example.com").trim().toLowerCase(Locale.ROOT);
        String domains = env.get("QUIETLOG_INTERNAL_DOMAINS");
        List<String> internal = domains == null || domains.isBlank()
                ? List.of(adminEmail.substring(adminEmail.indexOf('@') + 1))
                : splitDomains(domains);
        return new Config(
                intVar(env, "PORT", 8080, 0, 65535),
                blankToNull(env.get("DATABASE_URL")),
                Path.of(env.getOrDefault("QUIETLOG_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.getOrDefault("QUIETLOG_ISSUER", "quietlog"),
                env.getOrDefault("QUIETLOG_ORG_NAME", "My company"),
                adminEmail,
                internal,
                Duration.ofDays(intVar(env, "QUIETLOG_TOKEN_TTL_DAYS", 90, 1, MAX_TOKEN_TTL_DAYS)),
                Duration.ofHours(intVar(env, "QUIETLOG_SESSION_TTL_HOURS", 12, 1, 24 * 30)),
                boolVar(env, "QUIETLOG_SECURE_COOKIES", false),
                intVar(env, "QUIETLOG_RATE_LIMIT_PER_MINUTE", 600, 0, 1_000_000),
                intVar(env, "QUIETLOG_DB_POOL_SIZE", 8, 1, 1000),
                intVar(env, "QUIETLOG_WRITE_RATE_LIMIT_PER_MINUTE", 120, 0, 1_000_000),
                boolVar(env, "QUIETLOG_TRUST_PROXY", false),
                blankToNull(env.get("QUIETLOG_KEY_ENCRYPTION_KEY")),
                Optional.ofNullable(blankToNull(env.get("QUIETLOG_KEY_FILE"))).map(Path::of).orElse(null));
    }

    /** Never prints the key encryption key. */
    @Override
    public String toString() {
        return "Config[port=" + port + ", dataDir=" + dataDir + ", issuer=" + issuer + ", databaseUrl="
                + (databaseUrl == null ? "embedded" : "set") + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "set")
                + ", keyFile=" + keyFile + "]";
    }

    private static List<String> splitDomains(String csv) {
        return Arrays.stream(csv.split("[,\\s]+"))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private static boolean boolVar(Map<String, String> env, String name, boolean fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + raw + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
