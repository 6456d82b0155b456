package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** SCIM User JSON in and out (RFC 7643 section 4.1). Attribute names are matched ignoring case. */
final class ScimJson {
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final int MAX_TEXT = 320;

    private ScimJson() {
    }

    static ObjectNode toJson(ObjectMapper json, ScimUser u) {
        ObjectNode o = json.createObjectNode();
        o.putArray("schemas").add(USER_SCHEMA);
        o.put("id", u.id.toString());
        if (u.externalId != null) {
            o.put("externalId", u.externalId);
        }
        o.put("userName", u.userName);
        ObjectNode name = o.putObject("name");
        if (u.givenName != null) {
            name.put("givenName", u.givenName);
        }
        if (u.familyName != null) {
            name.put("familyName", u.familyName);
        }
        name.put("formatted", u.quietlogName());
        o.put("displayName", u.quietlogName());
        ArrayNode emails = o.putArray("emails");
        for (ScimUser.Email e : u.emails) {
            ObjectNode n = emails.addObject();
            n.put("value", e.value);
            n.put("type", e.type == null ? "other" : e.type);
            n.put("primary", e.primary);
        }
        o.put("active", u.active);
        ObjectNode meta = o.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", u.created.toString());
        meta.put("lastModified", u.lastModified.toString());
        meta.put("location", "/scim/v2/Users/" + u.id);
        return o;
    }

    /** Applies a full representation (POST, PUT) onto a user: what it leaves out is cleared. */
    static void replaceFrom(JsonNode body, ScimUser u) {
        if (body == null || !body.isObject()) {
            throw ScimError.invalidSyntax("body: must be a SCIM User JSON object");
        }
        u.userName = text(field(body, "userName"), "userName");
        u.externalId = text(field(body, "externalId"), "externalId");
        JsonNode name = field(body, "name");
        u.givenName = null;
        u.familyName = null;
        u.formatted = null;
        if (name != null && !name.isNull()) {
            setName(u, name);
        }
        u.displayName = text(field(body, "displayName"), "displayName");
        JsonNode emails = field(body, "emails");
        u.emails.clear();
        if (emails != null && !emails.isNull()) {
            addEmails(u, emails, "emails");
        }
        JsonNode active = field(body, "active");
        u.active = active == null || active.isNull() || bool(active, "active");
    }

    static void setName(ScimUser u, JsonNode name) {
        if (!name.isObject()) {
            throw ScimError.invalidValue("name: must be an object {givenName, familyName, formatted}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = name.fields(); it.hasNext(); ) {
            var e = it.next();
            setNamePart(u, e.getKey(), e.getValue());
        }
    }

    static void setNamePart(ScimUser u, String part, JsonNode value) {
        switch (part.toLowerCase(java.util.Locale.ROOT)) {
            case "givenname" -> u.givenName = text(value, "name.givenName");
            case "familyname" -> u.familyName = text(value, "name.familyName");
            case "formatted" -> u.formatted = text(value, "name.formatted");
            default -> { } // middleName, honorificPrefix, ...: accepted, not kept
        }
    }

    static void addEmails(ScimUser u, JsonNode emails, String field) {
        List<JsonNode> entries = emails.isArray() ? iterable(emails) : List.of(emails);
        for (JsonNode e : entries) {
            if (!e.isObject()) {
                throw ScimError.invalidValue(field + ": each entry must be an object {value, type, primary}");
            }
            String value = text(field(e, "value"), field + ".value");
            if (value == null || value.isBlank()) {
                throw ScimError.invalidValue(field + ".value: required");
            }
            JsonNode primary = field(e, "primary");
            boolean isPrimary = primary != null && !primary.isNull() && bool(primary, field + ".primary");
            if (isPrimary) {
                u.emails.forEach(x -> x.primary = false);
            }
            u.emails.removeIf(x -> x.value.equalsIgnoreCase(value.strip()));
            u.emails.add(new ScimUser.Email(value.strip(), text(field(e, "type"), field + ".type"), isPrimary));
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** The member of an object whose name matches ignoring case (RFC 7643 section 2.1). */
    static JsonNode field(JsonNode object, String name) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return object.get(key);
            }
        }
        return null;
    }

    static String text(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ScimError.invalidValue(field + ": must be a string");
        }
        String s = v.textValue();
        if (s.length() > MAX_TEXT || s.indexOf('\0') >= 0) {
            throw ScimError.invalidValue(field + ": at most " + MAX_TEXT + " characters");
        }
        return s;
    }

    /** true/false, or the strings "True"/"False" that Entra sends without its SCIM-compliance flag. */
    static boolean bool(JsonNode v, String field) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
            return v.textValue().equalsIgnoreCase("true");
        }
        throw ScimError.invalidValue(field + ": must be true or false");
    }
}
