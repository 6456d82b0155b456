package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a SCIM PatchOp (RFC 7644 section 3.5.2) to a group, in the forms identity providers
 * send. Okta: path-less {"op": "replace", "value": {"id", "displayName"}} on every membership
 * change, "add" on members with a list of values, "remove" on members[value eq "…"], and
 * "replace" on members for a full push. Entra: capitalised ops ("Add", "Remove", "Replace"),
 * "Remove" on members with a list of values (without its SCIM-compliance flag) or on
 * members[value eq "…"] (with it), and "remove" on members with no value, which empties the group.
 */
final class ScimGroupPatch {
    private static final String GROUP_PREFIX = ScimGroupJson.GROUP_SCHEMA.toLowerCase(Locale.ROOT) + ":";
    private static final Pattern MEMBER_FILTER = Pattern.compile(
            "^members\\[\\s*value\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern URN_PATH = Pattern.compile("^urn:[A-Za-z0-9:._\\-]+$");

    private ScimGroupPatch() {
    }

    static void apply(JsonNode body, ScimGroup g) {
        ScimPatchOps.walk(body, (op, path, value, where) -> applyPath(op, path, value, g, where));
    }

    private static void applyPath(String op, String rawPath, JsonNode value, ScimGroup g, String where) {
        String path = rawPath;
        if (path.toLowerCase(Locale.ROOT).startsWith(GROUP_PREFIX)) {
            path = path.substring(GROUP_PREFIX.length());
        } else if (URN_PATH.matcher(path).matches()) {
            return; // an extension's attribute (Entra's ADSCIM group extension, …): not kept
        }
        boolean remove = op.equals("remove");
        if (!remove && (value == null || value.isNull()) && !path.equalsIgnoreCase("externalId")) {
            throw ScimError.invalidValue(where + ".value: required for " + op + " of " + rawPath);
        }
        Matcher one = MEMBER_FILTER.matcher(path);
        if (one.matches()) {
            if (!remove) {
                throw ScimError.invalidPath(where + ".path: " + op + " on '" + rawPath
                        + "' is not supported; add members with path \"members\" and a list of values");
            }
            g.memberIds.remove(ScimGroup.memberKey(one.group(1).replace("\\\"", "\"")));
            return;
        }
        switch (path.toLowerCase(Locale.ROOT)) {
            case "displayname" -> {
                if (remove) {
                    throw ScimError.invalidValue(where + ": displayName is required and cannot be removed");
                }
                g.displayName = ScimJson.text(value, "displayName");
            }
            case "externalid" -> g.externalId = remove ? null : ScimJson.text(value, "externalId");
            case "members" -> {
                switch (op) {
                    case "add" -> g.memberIds.addAll(ScimGroupJson.memberValues(value, "members"));
                    case "replace" -> {
                        var wanted = ScimGroupJson.memberValues(value, "members");
                        g.memberIds.clear();
                        g.memberIds.addAll(wanted);
                    }
                    default -> {
                        if (value == null || value.isNull()) {
                            g.memberIds.clear(); // remove on "members" with no value: every member
                        } else {
                            ScimGroupJson.memberValues(value, "members").forEach(g.memberIds::remove);
                        }
                    }
                }
            }
            case "id" -> {
                // Okta repeats the group's id in its path-less replace; it cannot be changed.
                String id = remove ? null : ScimJson.text(value, "id");
                if (id == null || !id.strip().equalsIgnoreCase(g.id.toString())) {
                    throw new ScimError(400, "mutability", where + ": id is read-only");
                }
            }
            case "schemas", "meta" -> {
                // descriptive, not attributes of the group
            }
            default -> throw ScimError.invalidPath(where + ".path: '" + rawPath
                    + "' is not an attribute of a group; use displayName, externalId or members");
        }
    }
}
