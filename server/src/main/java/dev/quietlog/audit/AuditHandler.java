package dev.quietlog.audit;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** GET /api/v1/admin/audit?since&until&action&actor&target&before&limit. */
public final class AuditHandler {
    private final Audit audit;

    public AuditHandler(Audit audit) {
        this.audit = audit;
    }

    public void list(Context ctx) {
        var q = new Audit.Query(time(ctx, "since"), time(ctx, "until"), blank(ctx.queryParam("action")),
                blank(ctx.queryParam("actor")), blank(ctx.queryParam("target")), longParam(ctx, "before"), (int) (long) orDefault(longParam(ctx, "limit"), 100L));
        ctx.json(audit.list(AccessControl.principal(ctx).orgId(), q));
    }

    /** An instant (2026-11-30T07:00:00Z), a day (2026-11-30, from its start in UTC), or an age (24h, 7d, 30m). */
    public static Instant parseTime(String raw, String field, Instant now) {
        String s = raw.trim();
        try {
            if (s.matches("\\d+[mhd]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                Duration d = switch (s.charAt(s.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d);
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(s);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw ApiError.badRequest(field + ": an instant (2026-11-30T07:00:00Z), a day (2026-11-30) or an age (24h, 7d)");
        }
    }

    private static Instant time(Context ctx, String name) {
        String raw = blank(ctx.queryParam(name));
        return raw == null ? null : parseTime(raw, name, Instant.now());
    }

    private static Long longParam(Context ctx, String name) {
        String raw = blank(ctx.queryParam(name));
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + ": must be a whole number");
        }
    }

    private static Long orDefault(Long v, Long fallback) {
        return v == null ? fallback : v;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
