package dev.quietlog.insights;

import dev.quietlog.app.ApiError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days a page covers, both ends included, in UTC: the last 7, 30 or 90 days up to today,
 * or a custom from/to. Every dashboard page takes one.
 */
public record DateRange(String preset, LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 731;

    public static DateRange parse(String preset, String from, String to, LocalDate today, String defaultPreset) {
        String p = preset == null || preset.isBlank() ? defaultPreset : preset;
        return switch (p) {
            case "7", "30", "90" -> new DateRange(p, today.minusDays(Integer.parseInt(p) - 1L), today);
            case "custom" -> custom(from, to);
            default -> throw ApiError.badRequest("range: must be 7, 30, 90 or custom");
        };
    }

    private static DateRange custom(String from, String to) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        if (t.isBefore(f)) {
            throw ApiError.badRequest("to: must not be before from");
        }
        if (ChronoUnit.DAYS.between(f, t) + 1 > MAX_DAYS) {
            throw ApiError.badRequest("from: a custom range covers at most " + MAX_DAYS + " days");
        }
        return new DateRange("custom", f, t);
    }

    private static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) {
            throw ApiError.badRequest(field + ": required for a custom range (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field + ": not a date (YYYY-MM-DD)");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public String label() {
        return preset.equals("custom") ? from + " to " + to : "last " + preset + " days";
    }

    /** The query string that keeps this range on links between pages. */
    public String query() {
        return preset.equals("custom") ? "range=custom&from=" + from + "&to=" + to : "range=" + preset;
    }
}
