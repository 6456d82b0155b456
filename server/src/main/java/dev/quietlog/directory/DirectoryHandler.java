package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.JsonBody;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP in and out for /api/v1/me and the admin API on users and tokens. */
public final class DirectoryHandler {
    private final DirectoryService directory;
    private final PolicyService policies;
    private final ObjectMapper json;

    public DirectoryHandler(DirectoryService directory, PolicyService policies, ObjectMapper json) {
        this.directory = directory;
        this.policies = policies;
        this.json = json;
    }

    public void me(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        Org org = directory.org(p.orgId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", p.userId());
        user.put("email", p.email());
        user.put("name", p.name());
        user.put("role", p.role().wireName());
        // neverLog is what the extension applies: the org's lists with the rep's own added.
        var effective = policies.capturePolicy(p.orgId(), p.userId());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("internalDomains", effective.internalDomains());
        policy.put("neverLog", Map.of("addresses", effective.neverLogAddresses(), "domains", effective.neverLogDomains()));
        policy.put("personalNeverLog", policies.personalNeverLog(p.orgId(), p.userId()));
        policy.put("allowFreeMail", effective.allowFreeMail());
        policy.put("captureLevel", effective.captureLevel());
        policy.put("connectors", policies.connectors(p.orgId()));
        ctx.json(Map.of("user", user, "org", Map.of("id", org.id(), "name", org.name()), "policy", policy));
    }

    public void createUser(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        User u = directory.createUser(AccessControl.principal(ctx).orgId(),
                text(body, "email"), text(body, "name"), text(body, "role"));
        ctx.status(201).json(Map.of("id", u.id(), "email", u.email(), "name", u.name(), "role", u.role().wireName()));
    }

    public void issueToken(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        JsonNode ttl = body.get("ttlDays");
        if (ttl != null && !ttl.isNull() && !ttl.canConvertToInt()) {
            throw ApiError.badRequest("ttlDays: must be a whole number of days");
        }
        var issued = directory.issueToken(AccessControl.principal(ctx).orgId(), text(body, "email"),
                ttl == null || ttl.isNull() ? null : ttl.intValue());
        ctx.status(201).json(Map.of("token", issued.token(), "expiresAt", issued.expiresAt()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return v == null || v.isNull() ? null : v.textValue();
    }
}
