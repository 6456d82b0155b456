package dev.quietlog.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        int databasePoolSize) {

    public static Config fromEnvironment(Map<String, String> env) {
        String adminEmail = env.getOrDefault("QUIETLOG_ADMIN_EMAIL", "admin@example.com").trim().toLowerCase(Locale.ROOT);
        String domains = env.get("QUIETLOG_INTERNAL_DOMAINS");
        List<String> internal = domains == null || domains.isBlank()
                ? List.of(adminEmail.substring(adminEmail.indexOf('@') + 1))
                : splitDomains(domains);
        return new Config(
                intVar(env, "PORT", 8080),
                blankToNull(env.get("DATABASE_URL")),
                Path.of(env.getOrDefault("QUIETLOG_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.getOrDefault("QUIETLOG_ISSUER", "quietlog"),
                env.getOrDefault("QUIETLOG_ORG_NAME", "My company"),
                adminEmail,
                internal,
                Duration.ofDays(intVar(env, "QUIETLOG_TOKEN_TTL_DAYS", 90)),
                Duration.ofHours(intVar(env, "QUIETLOG_SESSION_TTL_HOURS", 12)),
                Boolean.parseBoolean(env.getOrDefault("QUIETLOG_SECURE_COOKIES", "false")),
                intVar(env, "QUIETLOG_RATE_LIMIT_PER_MINUTE", 600),
                intVar(env, "QUIETLOG_DB_POOL_SIZE", 8));
    }

    private static List<String> splitDomains(String csv) {
        return Arrays.stream(csv.split("[,\\s]+"))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
