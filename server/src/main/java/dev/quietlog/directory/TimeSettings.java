package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quietlog.app.ApiError;
import java.math.BigDecimal;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The org's two numbers behind customer-time share: minutes credited per email a rep sends, and
 * working hours per week (the share's denominator). Part of the admin policy GET/PATCH.
 */
public final class TimeSettings {
    private final Jdbi jdbi;

    public TimeSettings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record Values(int minutesPerEmail, double workingHoursPerWeek) {
    }

    /** A validated change; null fields are left as they are. */
    public record Patch(Integer minutesPerEmail, Double workingHoursPerWeek) {
        boolean isEmpty() {
            return minutesPerEmail == null && workingHoursPerWeek == null;
        }
    }

    public Values get(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery("select minutes_per_email, working_hours_per_week from orgs where id = :org")
                .bind("org", orgId)
                .map((rs, ctx) -> new Values(rs.getInt(1), rs.getBigDecimal(2).doubleValue()))
                .one());
    }

    /** Checks the fields this class owns, before anything of the PATCH is written. */
    public static Patch parse(JsonNode patch) {
        Integer minutes = null;
        Double hours = null;
        if (patch.has("minutesPerEmail")) {
            JsonNode v = patch.get("minutesPerEmail");
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 120) {
                throw ApiError.badRequest("minutesPerEmail: must be a whole number of minutes from 0 to 120");
            }
            minutes = v.intValue();
        }
        if (patch.has("workingHoursPerWeek")) {
            JsonNode v = patch.get("workingHoursPerWeek");
            if (!v.isNumber() || v.doubleValue() <= 0 || v.doubleValue() > 168) {
                throw ApiError.badRequest("workingHoursPerWeek: must be a number of hours above 0 and at most 168");
            }
            hours = BigDecimal.valueOf(v.doubleValue()).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
        }
        return new Patch(minutes, hours);
    }

    public void apply(UUID orgId, Patch patch) {
        if (patch.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        update orgs set minutes_per_email = coalesce(:minutes, minutes_per_email),
                                        working_hours_per_week = coalesce(cast(:hours as numeric), working_hours_per_week)
                        where id = :org""")
                .bind("org", orgId).bind("minutes", patch.minutesPerEmail()).bind("hours", patch.workingHoursPerWeek())
                .execute());
    }
}
