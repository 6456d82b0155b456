package dev.quietlog.insights;

import java.util.Locale;
import java.util.UUID;

/**
 * One rep's (or a team's) customer time over a period, with both parts shown: hours of attended
 * customer meetings, and the per-email estimate for each email sent; the share is of the working
 * hours in the period (the org's hours per week, pro rata).
 */
public record CustomerTime(UUID userId, String name, String email, long emailsOut, long emailsIn, long accounts,
                           long meetings, long meetingMinutes, long minutesPerEmail, double workingMinutes) {

    public long emailMinutes() {
        return emailsOut * minutesPerEmail;
    }

    public long customerMinutes() {
        return meetingMinutes + emailMinutes();
    }

    /** Percent of working time spent with customers. */
    public double sharePercent() {
        return workingMinutes <= 0 ? 0 : 100.0 * customerMinutes() / workingMinutes;
    }

    /** How people read a person: their display name, else their address. */
    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }

    public String meetingHours() {
        return hours(meetingMinutes);
    }

    public String emailHours() {
        return hours(emailMinutes());
    }

    public String customerHours() {
        return hours(customerMinutes());
    }

    public String workingHours() {
        return hours(Math.round(workingMinutes));
    }

    public String share() {
        return String.format(Locale.ROOT, "%.1f%%", sharePercent());
    }

    /** The benchmark band a share falls in: field/inside sales reference lines at 10, 20 and 40%. */
    public String band() {
        double s = sharePercent();
        return s >= 40 ? "at-or-above-40" : s >= 20 ? "20-to-40" : s >= 10 ? "10-to-20" : "below-10";
    }

    static String hours(long minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes / 60.0);
    }
}
