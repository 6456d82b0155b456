package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * When a meeting takes place. A timed meeting gives its start and end instants; an all-day one
 * (Google's start.date, Graph's isAllDay) gives its first day and the day after its last, as
 * iCalendar does, and the IANA time zone of the calendar that shows it: the stored instants are
 * those days' midnights in that zone, so a day off in Sydney is not a day off in London.
 */
record MeetingTimes(Instant startsAt, Instant endsAt, boolean allDay, String timeZone) {

    static MeetingTimes read(EventFields f, EventLimits limits) {
        JsonNode allDay = f.raw("allDay");
        if (allDay != null && !allDay.isNull() && !allDay.isBoolean()) {
            throw new InvalidField(f.path("allDay"), "must be true or false");
        }
        MeetingTimes t = allDay != null && allDay.booleanValue() ? allDayTimes(f) : timed(f);
        if (!limits.inRange(t.startsAt)) {
            throw new InvalidField(f.path(t.allDay ? "startDate" : "startsAt"), outOfRange(limits));
        }
        if (!limits.inRange(t.endsAt)) {
            throw new InvalidField(f.path(t.allDay ? "endDate" : "endsAt"), outOfRange(limits));
        }
        if (Duration.between(t.startsAt, t.endsAt).toDays() > limits.maxMeetingDays()) {
            throw new InvalidField(f.path(t.allDay ? "endDate" : "endsAt"),
                    "more than " + limits.maxMeetingDays() + " days after the start");
        }
        return t;
    }

    static String outOfRange(EventLimits limits) {
        return "must lie between " + limits.earliestInstant() + " and " + limits.latestInstant();
    }

    private static MeetingTimes timed(EventFields f) {
        Instant startsAt = f.instant("startsAt");
        Instant endsAt = f.instant("endsAt");
        if (endsAt.isBefore(startsAt)) {
            throw new InvalidField(f.path("endsAt"), "is before startsAt");
        }
        return new MeetingTimes(startsAt, endsAt, false, null);
    }

    private static MeetingTimes allDayTimes(EventFields f) {
        String zoneName = f.requiredId("timeZone", 64);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new InvalidField(f.path("timeZone"), "not an IANA time zone (e.g. Europe/Berlin)");
        }
        LocalDate start = date(f, "startDate");
        LocalDate end = date(f, "endDate");
        if (!end.isAfter(start)) {
            throw new InvalidField(f.path("endDate"), "must be after startDate (the day after the last day, as in iCalendar)");
        }
        return new MeetingTimes(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(), true,
                zone.getId());
    }

    private static LocalDate date(EventFields f, String field) {
        String v = f.requiredId(field, 10);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidField(f.path(field), "not an ISO-8601 date (e.g. 2026-03-01)");
        }
    }
}
