package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.JsonBody;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;

/** HTTP in and out for the org policy (admins) and a rep's own never-log list. */
public final class PolicyHandler {
    private final PolicyService policies;
    private final ObjectMapper json;

    public PolicyHandler(PolicyService policies, ObjectMapper json) {
        this.policies = policies;
        this.json = json;
    }

    public void orgPolicy(Context ctx) {
        ctx.json(policies.orgPolicy(AccessControl.principal(ctx).orgId()));
    }

    public void updateOrgPolicy(Context ctx) {
        ctx.json(policies.updateOrgPolicy(AccessControl.principal(ctx).orgId(), body(ctx)));
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
