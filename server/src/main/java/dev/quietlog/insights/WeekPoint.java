package dev.quietlog.insights;

import java.time.LocalDate;

/** One week of a trend chart (weeks start on Monday, UTC); working minutes count only the range's days. */
public record WeekPoint(LocalDate week, long emailsOut, long emailsIn, long meetings, long meetingMinutes,
                        long emailMinutes, double workingMinutes) {
    public double sharePercent() {
        return workingMinutes <= 0 ? 0 : 100.0 * (meetingMinutes + emailMinutes) / workingMinutes;
    }
}
