package dev.quietlog.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.util.CompatibilityHints;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;

/**
 * Turns an invitation chain (iMIP emails and .ics files, in the order a calendar received them)
 * into the meeting events a calendar connector would upload: one per meeting, or per occurrence
 * of a series, per version. A series is expanded into its occurrences within a window (as
 * Google's singleEvents=true and Graph's calendarView do), each keyed by its original start; a
 * CANCEL of a whole series cancels every occurrence the chain has named, except those its EXDATEs
 * leave out. Parsing is ical4j's (relaxed, as real senders need) and mime4j's.
 */
public final class ICalendarMeetings {
    static {
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    private final Map<String, String> addressMap;
    private final ZoneId allDayZone;
    private final Instant windowStart;
    private final Instant windowEnd;
    /** Occurrences named so far per UID: original start -> [start, end]. */
    private final Map<String, Map<Instant, Instant[]>> occurrences = new HashMap<>();

    /**
     * @param addressMap  an invitee's address -> the address of the rep who reads that mailbox here
     * @param allDayZone  the time zone of the calendar that shows all-day (floating date) meetings
     */
    public ICalendarMeetings(Map<String, String> addressMap, ZoneId allDayZone, Instant windowStart, Instant windowEnd) {
        this.addressMap = addressMap;
        this.allDayZone = allDayZone;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /** The events of one file of the chain (a .eml carrying text/calendar, or a .ics). */
    public List<Map<String, Object>> read(String resource) {
        String ics = withoutNamelessTimeZones(resource.endsWith(".eml") ? calendarPart(resource) : text(resource));
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (IOException | ParserException e) {
            throw new IllegalStateException("cannot parse the iCalendar in " + resource, e);
        }
        boolean cancel = calendar.getProperty(Property.METHOD).map(p -> p.getValue().equalsIgnoreCase("CANCEL"))
                .orElse(false);
        List<Map<String, Object>> out = new ArrayList<>();
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        // Masters first, so that their occurrences are known when the moved ones override them.
        events.sort((a, b) -> Boolean.compare(a.getProperty(Property.RECURRENCE_ID).isPresent(),
                b.getProperty(Property.RECURRENCE_ID).isPresent()));
        for (VEvent e : events) {
            out.addAll(versions(e, cancel));
        }
        return out;
    }

    /**
     * A VTIMEZONE without a TZID can be referred to by nothing, but ical4j refuses the whole
     * file for it (ical.js keeps one in a sample to test exactly that); calendar clients skip it.
     */
    private static String withoutNamelessTimeZones(String ics) {
        return java.util.regex.Pattern.compile("BEGIN:VTIMEZONE\\r?\\n((?!TZID)(?!END:VTIMEZONE)[^\\r\\n]*\\r?\\n)*END:VTIMEZONE\\r?\\n")
                .matcher(ics).replaceAll("");
    }

    private List<Map<String, Object>> versions(VEvent e, boolean cancel) {
        String uid = value(e, Property.UID).orElseThrow();
        Map<String, Object> base = base(e, uid, cancel);
        Optional<Property> recurrenceId = e.getProperty(Property.RECURRENCE_ID);
        boolean series = e.getProperty(Property.RRULE).isPresent() || e.getProperty(Property.RDATE).isPresent();
        List<Map<String, Object>> out = new ArrayList<>();
        if (recurrenceId.isPresent()) {
            Instant original = instant(((DateProperty<?>) recurrenceId.get()).getDate());
            Map<String, Object> v = withTimes(base, e);
            v.put("recurrenceId", original.toString());
            occurrences.computeIfAbsent(uid, k -> new LinkedHashMap<>()).putIfAbsent(original,
                    new Instant[] {Instant.parse((String) v.get("startsAt")), Instant.parse((String) v.get("endsAt"))});
            out.add(v);
        } else if (series && isCancelled(base)) {
            Set<Instant> excluded = exdates(e);
            occurrences.getOrDefault(uid, Map.of()).forEach((original, times) -> {
                if (!excluded.contains(original)) {
                    Map<String, Object> v = new HashMap<>(base);
                    v.put("recurrenceId", original.toString());
                    v.put("startsAt", times[0].toString());
                    v.put("endsAt", times[1].toString());
                    out.add(v);
                }
            });
        } else if (series) {
            Set<Period<Temporal>> set = e.calculateRecurrenceSet(new Period<>(windowStart.atZone(ZoneId.of("UTC")),
                    windowEnd.atZone(ZoneId.of("UTC"))));
            for (Period<Temporal> p : set) {
                Instant start = instant(p.getStart());
                Instant end = instant(p.getEnd());
                Map<String, Object> v = new HashMap<>(base);
                v.put("recurrenceId", start.toString());
                v.put("startsAt", start.toString());
                v.put("endsAt", end.toString());
                occurrences.computeIfAbsent(uid, k -> new LinkedHashMap<>()).put(start, new Instant[] {start, end});
                out.add(v);
            }
        } else {
            out.add(withTimes(base, e));
        }
        return out;
    }

    private Map<String, Object> base(VEvent e, String uid, boolean cancel) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "meeting");
        m.put("source", "google-calendar");
        m.put("sourceId", uid);
        m.put("iCalUid", uid);
        m.put("recurrenceId", null);
        m.put("title", value(e, Property.SUMMARY).orElse(null));
        m.put("sequence", value(e, Property.SEQUENCE).map(Integer::parseInt).orElse(0));
        Optional<Property> modified = e.getProperty(Property.LAST_MODIFIED).or(() -> e.getProperty(Property.DTSTAMP));
        modified.ifPresent(p -> m.put("updatedAt", instant(((DateProperty<?>) p).getDate()).toString()));
        String status = value(e, Property.STATUS).orElse("CONFIRMED").toUpperCase(Locale.ROOT);
        m.put("status", cancel || status.equals("CANCELLED") ? "cancelled"
                : status.equals("TENTATIVE") ? "tentative" : "confirmed");
        Property organizer = e.getProperty(Property.ORGANIZER).orElseThrow();
        m.put("organizer", person(organizer));
        List<Map<String, Object>> attendees = new ArrayList<>();
        for (Property a : e.getProperties(Property.ATTENDEE)) {
            Map<String, Object> p = person(a);
            p.put("response", a.getParameter(Parameter.PARTSTAT).map(s -> response(s.getValue())).orElse("needsAction"));
            attendees.add(p);
        }
        m.put("attendees", attendees);
        return m;
    }

    /** The occurrence's own times: a DATE start is an all-day meeting in the calendar's zone. */
    private Map<String, Object> withTimes(Map<String, Object> base, VEvent e) {
        Map<String, Object> v = new HashMap<>(base);
        Temporal start = ((DateProperty<?>) e.getProperty(Property.DTSTART).orElseThrow()).getDate();
        Optional<Property> endProp = e.getProperty(Property.DTEND);
        if (start instanceof LocalDate day) {
            LocalDate end = endProp.map(p -> (LocalDate) ((DateProperty<?>) p).getDate()).orElse(day.plusDays(1));
            v.put("allDay", true);
            v.put("startDate", day.toString());
            v.put("endDate", end.toString());
            v.put("timeZone", allDayZone.getId());
            return v;
        }
        Instant s = instant(start);
        Instant end = endProp.map(p -> instant(((DateProperty<?>) p).getDate()))
                .orElseGet(() -> s.plus(java.time.Duration.parse(value(e, Property.DURATION).orElse("PT0S"))));
        v.put("startsAt", s.toString());
        v.put("endsAt", end.toString());
        return v;
    }

    private static Set<Instant> exdates(VEvent e) {
        Set<Instant> out = new java.util.HashSet<>();
        for (Property p : e.getProperties(Property.EXDATE)) {
            for (Object d : ((DateListProperty<?>) p).getDates()) {
                out.add(instant((Temporal) d));
            }
        }
        return out;
    }

    private static boolean isCancelled(Map<String, Object> base) {
        return "cancelled".equals(base.get("status"));
    }

    private Map<String, Object> person(Property p) {
        String raw = p.getValue().replaceFirst("(?i)^mailto:", "").strip().toLowerCase(Locale.ROOT);
        Map<String, Object> out = new HashMap<>();
        out.put("email", addressMap.getOrDefault(raw, raw));
        out.put("name", p.getParameter(Parameter.CN).map(Parameter::getValue).orElse(null));
        return out;
    }

    /** iCalendar PARTSTAT as Google names it; the server maps needsAction to none. */
    private static String response(String partstat) {
        return switch (partstat.toUpperCase(Locale.ROOT)) {
            case "ACCEPTED" -> "accepted";
            case "DECLINED" -> "declined";
            case "TENTATIVE" -> "tentative";
            case "NEEDS-ACTION" -> "needsAction";
            default -> "none";
        };
    }

    private static Instant instant(Temporal t) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(ZoneId.of("UTC")).toInstant();
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(ZoneId.of("UTC")).toInstant();
        }
        throw new IllegalArgumentException("not a date-time: " + t);
    }

    private static Optional<String> value(VEvent e, String property) {
        return e.getProperty(property).map(Property::getValue);
    }

    private static String text(String resource) {
        try (InputStream in = ICalendarMeetings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded text/calendar part of an iMIP email. */
    private static String calendarPart(String resource) {
        try {
            Message message = new DefaultMessageBuilder().parseMessage(
                    new ByteArrayInputStream(text(resource).getBytes(StandardCharsets.UTF_8)));
            return findCalendar(message).orElseThrow(() -> new IllegalStateException("no text/calendar in " + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> findCalendar(Entity entity) throws IOException {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                Optional<String> found = findCalendar(part);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if ("text/calendar".equalsIgnoreCase(entity.getMimeType()) && body instanceof SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
