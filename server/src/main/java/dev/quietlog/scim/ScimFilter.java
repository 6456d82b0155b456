package dev.quietlog.scim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters identity providers send to find a resource before creating it (RFC 7644 section
 * 3.4.2.2). Users: {@code userName eq "…"} (Okta, Entra), {@code externalId eq "…"},
 * {@code emails eq "…"}, {@code emails.value eq "…"} and {@code emails[type eq "work"].value eq "…"}
 * (Entra), {@code id eq "…"}. Groups: {@code displayName eq "…"} (Entra, Okta),
 * {@code externalId eq "…"}, {@code id eq "…"}. Anything else is refused with scimType
 * invalidFilter rather than answered wrongly.
 */
record ScimFilter(Attribute attribute, String value) {
    enum Attribute { USER_NAME, EXTERNAL_ID, EMAIL, ID, DISPLAY_NAME }

    private static final String CORE_PREFIX = ScimJson.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";
    private static final String GROUP_PREFIX = ScimGroupJson.GROUP_SCHEMA.toLowerCase(Locale.ROOT) + ":";
    private static final Pattern COMPARISON = Pattern.compile(
            "^\\s*(?<attr>[A-Za-z][A-Za-z0-9_.:\\-]*(?:\\[\\s*type\\s+eq\\s+\"work\"\\s*\\]\\.value)?)"
                    + "\\s+(?<op>[A-Za-z]+)\\s+(?<value>.+?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    // Trailing tokens fail, so `userName eq "a" and active eq true` is refused, not read as `userName eq "a"`.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static ScimFilter parse(String filter) {
        return parse(filter, CORE_PREFIX, attr -> switch (attr) {
            case "username" -> Attribute.USER_NAME;
            case "externalid" -> Attribute.EXTERNAL_ID;
            case "emails", "emails.value", "emails[type eq \"work\"].value" -> Attribute.EMAIL;
            case "id" -> Attribute.ID;
            default -> null;
        }, "userName, externalId, emails or id");
    }

    static ScimFilter parseGroup(String filter) {
        return parse(filter, GROUP_PREFIX, attr -> switch (attr) {
            case "displayname" -> Attribute.DISPLAY_NAME;
            case "externalid" -> Attribute.EXTERNAL_ID;
            case "id" -> Attribute.ID;
            default -> null;
        }, "displayName, externalId or id");
    }

    private static ScimFilter parse(String filter, String prefix, java.util.function.Function<String, Attribute> attributes,
                                    String supported) {
        if (filter.length() > 1000) {
            throw ScimError.invalidFilter("filter: too long");
        }
        Matcher m = COMPARISON.matcher(filter);
        if (!m.matches()) {
            throw ScimError.invalidFilter("filter: only `attribute eq \"value\"` is supported, got: " + filter);
        }
        String op = m.group("op").toLowerCase(Locale.ROOT);
        if (!op.equals("eq")) {
            throw ScimError.invalidFilter("filter: operator '" + m.group("op") + "' is not supported; use eq");
        }
        String attr = m.group("attr").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (attr.startsWith(prefix)) {
            attr = attr.substring(prefix.length());
        }
        Attribute attribute = attributes.apply(attr);
        if (attribute == null) {
            throw ScimError.invalidFilter("filter: attribute '" + m.group("attr") + "' cannot be filtered on; use " + supported);
        }
        return new ScimFilter(attribute, stringLiteral(m.group("value")));
    }

    private static String stringLiteral(String raw) {
        if (!raw.startsWith("\"")) {
            throw ScimError.invalidFilter("filter: the value must be a quoted string, got: " + raw);
        }
        try {
            JsonNode v = JSON.readTree(raw);
            if (v != null && v.isTextual()) {
                return v.textValue();
            }
        } catch (Exception e) {
            // falls through to the refusal below
        }
        throw ScimError.invalidFilter("filter: the value is not a valid quoted string: " + raw);
    }
}
