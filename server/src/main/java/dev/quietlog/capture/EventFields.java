package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quietlog.directory.EmailAddresses;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object and names the failing field by its full path
 * ("events[3].occurredAt") when one is missing or malformed. Free text loses NUL characters,
 * which PostgreSQL cannot store, and is cut at a maximum length noted by the caller.
 */
final class EventFields {
    private final JsonNode node;
    private final String path;
    private final List<String> notes;

    EventFields(JsonNode node, String path, List<String> notes) {
        this.node = node;
        this.path = path;
        this.notes = notes;
    }

    /** The field as sent, for the few whose type decides how the rest is read. */
    JsonNode raw(String field) {
        return node.get(field);
    }

    String path(String field) {
        return path + "." + field;
    }

    String requiredId(String field, int max) {
        String v = optionalId(field, max);
        if (v == null) {
            throw new InvalidField(path(field), "required");
        }
        return v;
    }

    /** An identifier: non-blank when present, no NUL, at most max characters. */
    String optionalId(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidField(path(field), "must be a string");
        }
        String s = v.textValue().strip();
        if (s.isEmpty()) {
            throw new InvalidField(path(field), "must not be blank");
        }
        if (s.length() > max) {
            throw new InvalidField(path(field), "longer than " + max + " characters");
        }
        if (s.indexOf('\0') >= 0) {
            throw new InvalidField(path(field), "contains a NUL character");
        }
        if (hasControl(s, false)) {
            throw new InvalidField(path(field), "contains a control character");
        }
        return s;
    }

    static boolean hasControl(String s, boolean allowLineSpace) {
        return ControlCharacters.in(s, allowLineSpace);
    }

    String oneOf(String field, Set<String> allowed) {
        String v = requiredId(field, 64);
        if (!allowed.contains(v)) {
            throw new InvalidField(path(field), "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", got '" + v + "'");
        }
        return v;
    }

    Instant instant(String field) {
        String v = requiredId(field, 64);
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidField(path(field), "not an ISO-8601 instant (e.g. 2026-03-01T09:30:00Z)");
        }
        return bounded(field, t);
    }

    /** Every stored time lies in the range of shared-policy/event-limits.json (1970 to 2100). */
    private Instant bounded(String field, Instant t) {
        EventLimits limits = EventLimits.get();
        if (!limits.inRange(t)) {
            throw new InvalidField(path(field), "must be from " + limits.earliestInstant() + " and before "
                    + limits.latestInstant());
        }
        return t;
    }

    /**
     * An optional instant in canonical form (UTC, ISO-8601), so that the same occurrence named
     * with different offsets is one key. An all-day occurrence may be named by its date.
     */
    String optionalInstant(String field) {
        String v = optionalId(field, 64);
        if (v == null) {
            return null;
        }
        try {
            return bounded(field, OffsetDateTime.parse(v).toInstant()).toString();
        } catch (DateTimeParseException e) {
            try {
                java.time.LocalDate date = java.time.LocalDate.parse(v);
                bounded(field, date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
                return date.toString();
            } catch (DateTimeParseException e2) {
                throw new InvalidField(path(field), "not an ISO-8601 instant or date");
            }
        }
    }

    /** An optional whole number from zero to max, such as a version counter. */
    Integer optionalCount(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw new InvalidField(path(field), "must be a whole number of zero or more");
        }
        if (v.intValue() > max) {
            throw new InvalidField(path(field), "must be at most " + max);
        }
        return v.intValue();
    }

    Instant optionalInstantValue(String field) {
        return node.hasNonNull(field) ? instant(field) : null;
    }

    /** Free text such as a subject: optional, NULs dropped, cut at max with a note. */
    String text(String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidField(path(field), "must be a string");
        }
        String s = v.textValue().replace("\0", "");
        if (s.length() > max) {
            notes.add(field + " cut to " + max + " characters");
            s = cut(s, max);
        }
        return s;
    }

    Address address(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidField(path(field), "required");
        }
        return address(v, path(field));
    }

    /** The address of the account an event was seen in: a bare address string. */
    String mailbox(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidField(path(field), "required: the address of the account the event was seen in");
        }
        if (!v.isTextual()) {
            throw new InvalidField(path(field), "must be an email address string");
        }
        String email = EmailAddresses.normalise(v.textValue());
        if (email == null || email.length() > EventLimits.get().maxAddressChars()) {
            throw new InvalidField(path(field), "not a valid email address");
        }
        return email;
    }

    List<Address> addresses(String field, int max) {
        return list(field, max, "{email, name}", (item, at) -> address(item, at));
    }

    /**
     * Meeting attendees: addresses with an optional response, which the given function maps to
     * the stored name (null: not a known response).
     */
    List<Participant> attendees(String field, int max, java.util.function.UnaryOperator<String> response) {
        return list(field, max, "{email, name, response}", (item, at) -> {
            Address a = address(item, at);
            JsonNode r = item.get("response");
            String stored = null;
            if (r != null && !r.isNull()) {
                stored = r.isTextual() ? response.apply(r.textValue()) : null;
                if (stored == null) {
                    throw new InvalidField(at + ".response", "must be one of " + MeetingResponses.known());
                }
            }
            return new Participant(a.email(), a.name(), "attendee", stored);
        });
    }

    /** An optional list of at most max objects, each read with its own path ("to[3]"). */
    private <T> List<T> list(String field, int max, String shape, java.util.function.BiFunction<JsonNode, String, T> item) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidField(path(field), "must be a list of " + shape);
        }
        if (v.size() > max) {
            throw new InvalidField(path(field), "more than " + max + " entries");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(item.apply(v.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    private Address address(JsonNode v, String at) {
        if (!v.isObject()) {
            throw new InvalidField(at, "must be an object {email, name}");
        }
        JsonNode emailNode = v.get("email");
        if (emailNode == null || !emailNode.isTextual()) {
            throw new InvalidField(at + ".email", "required string");
        }
        String email = EmailAddresses.normalise(emailNode.textValue());
        if (email == null) {
            throw new InvalidField(at + ".email", "not a valid email address");
        }
        if (email.length() > EventLimits.get().maxAddressChars()) {
            throw new InvalidField(at + ".email", "longer than " + EventLimits.get().maxAddressChars() + " characters");
        }
        JsonNode nameNode = v.get("name");
        String name = null;
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual()) {
                throw new InvalidField(at + ".name", "must be a string");
            }
            if (hasControl(nameNode.textValue(), true)) {
                throw new InvalidField(at + ".name", "contains a control character");
            }
            name = cut(nameNode.textValue().replaceAll("[\t\r\n]+", " ").strip(), EventLimits.get().maxNameChars());
            // Webmail often shows the bare address as the name: that is no name at all.
            if (name.isEmpty() || name.equalsIgnoreCase(email)) {
                name = null;
            }
        }
        return new Address(email, name);
    }

    /** Cuts at max characters without splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
