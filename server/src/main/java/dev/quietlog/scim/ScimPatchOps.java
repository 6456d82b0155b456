package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The envelope of a SCIM PatchOp (RFC 7644 §3.5.2), shared by Users and Groups: checks the
 * Operations list, lower-cases each op (Entra capitalises them), and turns a path-less operation
 * (Okta's form) into one operation per attribute of its value. What a path means is the
 * resource's own business ({@link ScimPatch}, {@link ScimGroupPatch}).
 */
final class ScimPatchOps {
    /** One operation on one attribute path; value is null only when the request carried none. */
    @FunctionalInterface
    interface PathOp {
        void apply(String op, String path, JsonNode value, String where);
    }

    private ScimPatchOps() {
    }

    static void walk(JsonNode body, PathOp target) {
        if (body == null || !body.isObject()) {
            throw ScimError.invalidSyntax("body: must be a SCIM PatchOp JSON object");
        }
        JsonNode ops = ScimJson.field(body, "Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimError.invalidSyntax("Operations: must be a non-empty list");
        }
        int i = 0;
        for (JsonNode op : ops) {
            applyOne(op, target, "Operations[" + i++ + "]");
        }
    }

    private static void applyOne(JsonNode operation, PathOp target, String where) {
        if (!operation.isObject()) {
            throw ScimError.invalidSyntax(where + ": must be an object {op, path, value}");
        }
        String op = ScimJson.text(ScimJson.field(operation, "op"), where + ".op");
        op = op == null ? "" : op.toLowerCase(Locale.ROOT);
        if (!List.of("add", "replace", "remove").contains(op)) {
            throw ScimError.invalidSyntax(where + ".op: must be add, replace or remove");
        }
        String path = ScimJson.text(ScimJson.field(operation, "path"), where + ".path");
        JsonNode value = ScimJson.field(operation, "value");
        if (path == null || path.isBlank()) {
            if (op.equals("remove")) {
                throw ScimError.noTarget(where + ": remove needs a path");
            }
            if (value == null || !value.isObject()) {
                throw ScimError.invalidValue(where + ".value: without a path, value must be an object of attributes");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                var e = it.next();
                target.apply(op, e.getKey(), e.getValue(), where);
            }
            return;
        }
        target.apply(op, path.strip(), value, where);
    }
}
