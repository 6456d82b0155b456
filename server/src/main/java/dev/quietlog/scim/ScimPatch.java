package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a SCIM PatchOp (RFC 7644 section 3.5.2) to a user, in the forms identity providers
 * send: Okta's path-less {"op": "replace", "value": {"active": false}}; Entra's capitalised ops
 * ("Replace", "Add"), filtered paths such as emails[type eq "work"].value, dotted keys in a
 * path-less value ({"name.givenName": …}), and "True"/"False" strings for booleans.
 * Attributes Quietlog does not keep (title, phoneNumbers, the enterprise extension, …) are
 * accepted and ignored, so a provider's default mappings do not fail every update.
 */
final class ScimPatch {
    private static final String CORE_PREFIX = ScimJson.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";
    private static final Pattern FILTERED_EMAILS = Pattern.compile(
            "^emails\\[\\s*(type|value|primary)\\s+eq\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false)\\s*\\](\\.value|\\.primary|\\.type)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN_PATH = Pattern.compile("^[A-Za-z][A-Za-z0-9_$\\-]*(\\.[A-Za-z][A-Za-z0-9_$\\-]*)?$");
    private static final Pattern URN_PATH = Pattern.compile("^urn:[A-Za-z0-9:._\\-]+$");

    private ScimPatch() {
    }

    static void apply(JsonNode body, ScimUser u) {
        ScimPatchOps.walk(body, (op, path, value, where) -> applyPath(op, path, value, u, where));
    }

    private static void applyPath(String op, String rawPath, JsonNode value, ScimUser u, String where) {
        if (!op.equals("remove") && value == null) {
            throw ScimError.invalidValue(where + ".value: required for " + op);
        }
        String path = rawPath;
        if (path.toLowerCase(Locale.ROOT).startsWith(CORE_PREFIX)) {
            path = path.substring(CORE_PREFIX.length());
        } else if (URN_PATH.matcher(path).matches()) {
            return; // an extension's attribute (enterprise employeeNumber, manager, …): not kept
        }
        boolean remove = op.equals("remove");
        String lower = path.toLowerCase(Locale.ROOT);
        Matcher filtered = FILTERED_EMAILS.matcher(path);
        if (filtered.matches()) {
            filteredEmails(op, filtered, value, u, where);
            return;
        }
        switch (lower) {
            case "active" -> {
                if (remove) {
                    throw ScimError.invalidValue(where + ": active cannot be removed");
                }
                u.active = ScimJson.bool(value, "active");
            }
            case "username" -> {
                if (remove) {
                    throw ScimError.invalidValue(where + ": userName is required and cannot be removed");
                }
                u.userName = ScimJson.text(value, "userName");
            }
            case "externalid" -> u.externalId = remove ? null : ScimJson.text(value, "externalId");
            case "displayname" -> u.displayName = remove ? null : ScimJson.text(value, "displayName");
            case "name" -> {
                if (remove || op.equals("replace")) {
                    u.givenName = null;
                    u.familyName = null;
                    u.formatted = null;
                }
                if (!remove) {
                    ScimJson.setName(u, value);
                }
            }
            case "name.givenname", "name.familyname", "name.formatted", "name.middlename",
                    "name.honorificprefix", "name.honorificsuffix" ->
                    ScimJson.setNamePart(u, path.substring(5), remove ? null : value);
            case "emails" -> {
                if (remove || op.equals("replace")) {
                    u.emails.clear();
                }
                if (!remove) {
                    ScimJson.addEmails(u, value, "emails");
                }
            }
            default -> {
                if (!PLAIN_PATH.matcher(path).matches() && !path.matches("^[A-Za-z][A-Za-z0-9_]*\\[.+\\](\\.[A-Za-z]+)?$")) {
                    throw ScimError.invalidPath(where + ".path: '" + rawPath + "' is not a valid attribute path");
                }
                // title, nickName, phoneNumbers, addresses, locale, …: accepted, not kept
            }
        }
    }

    /** emails[type eq "work"].value and its kin: the entries the filter selects. */
    private static void filteredEmails(String op, Matcher m, JsonNode value, ScimUser u, String where) {
        String attr = m.group(1).toLowerCase(Locale.ROOT);
        String literal = m.group(2);
        String wanted = literal.startsWith("\"") ? literal.substring(1, literal.length() - 1).replace("\\\"", "\"") : literal;
        String sub = m.group(3) == null ? null : m.group(3).substring(1).toLowerCase(Locale.ROOT);
        List<ScimUser.Email> selected = u.emails.stream().filter(e -> switch (attr) {
            case "type" -> wanted.equalsIgnoreCase(e.type);
            case "value" -> wanted.equalsIgnoreCase(e.value);
            default -> Boolean.parseBoolean(wanted) == e.primary;
        }).toList();
        if (op.equals("remove")) {
            if (sub == null || sub.equals("value")) {
                u.emails.removeAll(selected);
            }
            return;
        }
        if (sub == null) {
            // The whole entry: {value, type, primary}
            u.emails.removeAll(selected);
            ScimJson.addEmails(u, value, "emails");
            return;
        }
        switch (sub) {
            case "value" -> {
                String address = ScimJson.text(value, "emails.value");
                if (address == null || address.isBlank()) {
                    throw ScimError.invalidValue(where + ".value: an email address is required");
                }
                if (selected.isEmpty()) {
                    boolean anyPrimary = u.emails.stream().anyMatch(e -> e.primary);
                    String type = attr.equals("type") ? wanted : "work";
                    u.emails.add(new ScimUser.Email(address.strip(), type, !anyPrimary || attr.equals("primary")));
                } else {
                    selected.get(0).value = address.strip();
                }
            }
            case "primary" -> {
                boolean primary = ScimJson.bool(value, "emails.primary");
                if (primary) {
                    u.emails.forEach(e -> e.primary = false);
                }
                selected.forEach(e -> e.primary = primary);
            }
            default -> selected.forEach(e -> e.type = ScimJson.text(value, "emails.type"));
        }
    }
}
