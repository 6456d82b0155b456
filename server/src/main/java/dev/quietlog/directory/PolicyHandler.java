package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.JsonBody;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for the org policy (admins) and a rep's own never-log list. */
public final class PolicyHandler {
    private final PolicyService policies;
    private final ObjectMapper json;
    private final Audit audit;

    public PolicyHandler(PolicyService policies, ObjectMapper json, Audit audit) {
        this.policies = policies;
        this.json = json;
        this.audit = audit;
    }

    public void orgPolicy(Context ctx) {
        ctx.json(policies.orgPolicy(AccessControl.principal(ctx).orgId()));
    }

    public void updateOrgPolicy(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        JsonNode patch = body(ctx);
        var updated = policies.updateOrgPolicy(admin.orgId(), patch);
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "policy.changed", "org policy",
                Map.of("changed", json.convertValue(patch, Map.class)));
        ctx.json(updated);
    }

    public void personalNeverLog(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        ctx.json(policies.personalNeverLog(p.orgId(), p.userId()));
    }

    public void replacePersonalNeverLog(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        ctx.json(policies.replacePersonalNeverLog(p.orgId(), p.userId(), body(ctx)));
    }

    private JsonNode body(Context ctx) {
        return JsonBody.object(ctx, json);
    }
}
