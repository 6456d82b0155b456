package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** SCIM Group JSON in and out (RFC 7643 section 4.2): displayName, externalId, members (user ids). */
final class ScimGroupJson {
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private ScimGroupJson() {
    }

    /** The group; without members when the caller excluded them (Entra asks with excludedAttributes=members). */
    static ObjectNode toJson(ObjectMapper json, ScimGroup g, boolean withMembers) {
        ObjectNode o = json.createObjectNode();
        o.putArray("schemas").add(GROUP_SCHEMA);
        o.put("id", g.id.toString());
        if (g.externalId != null) {
            o.put("externalId", g.externalId);
        }
        o.put("displayName", g.displayName);
        if (withMembers) {
            ArrayNode members = o.putArray("members");
            for (ScimGroup.Member m : g.members) {
                ObjectNode n = members.addObject();
                n.put("value", m.id().toString());
                n.put("display", m.display());
                n.put("$ref", "/scim/v2/Users/" + m.id());
            }
        }
        ObjectNode meta = o.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", g.created.toString());
        meta.put("lastModified", g.lastModified.toString());
        meta.put("location", "/scim/v2/Groups/" + g.id);
        return o;
    }

    /** Applies a full representation (POST, PUT): what it leaves out (externalId, members) is cleared. */
    static void replaceFrom(JsonNode body, ScimGroup g) {
        if (body == null || !body.isObject()) {
            throw ScimError.invalidSyntax("body: must be a SCIM Group JSON object");
        }
        g.displayName = ScimJson.text(ScimJson.field(body, "displayName"), "displayName");
        g.externalId = ScimJson.text(ScimJson.field(body, "externalId"), "externalId");
        g.memberIds.clear();
        JsonNode members = ScimJson.field(body, "members");
        if (members != null && !members.isNull()) {
            g.memberIds.addAll(memberValues(members, "members"));
        }
    }

    /**
     * The user ids in a members value: a list of {value, display, $ref, type} (or one such object).
     * Only value is read; display and $ref are the provider's copies of what Quietlog knows.
     */
    static Collection<String> memberValues(JsonNode members, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Iterable<JsonNode> entries = members.isArray() ? members : java.util.List.of(members);
        for (JsonNode e : entries) {
            if (!e.isObject()) {
                throw ScimError.invalidValue(field + ": each member must be an object {\"value\": \"<user id>\"}");
            }
            String value = ScimJson.text(ScimJson.field(e, "value"), field + ".value");
            if (value == null || value.isBlank()) {
                throw ScimError.invalidValue(field + ".value: required (the member's user id)");
            }
            out.add(ScimGroup.memberKey(value));
        }
        return out;
    }
}
