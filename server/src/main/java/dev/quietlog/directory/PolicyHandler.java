package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.app.JsonBody;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.signin.SignInSettings;
import dev.quietlog.signin.SignInSettingsService;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;

/** HTTP in and out for the org policy (admins) and a rep's own never-log list. */
public final class PolicyHandler {
    private final PolicyService policies;
    private final TimeSettings timeSettings;
    private final ObjectMapper json;
    private final Audit audit;
    private final SignInSettingsService signIn;

    public PolicyHandler(PolicyService policies, TimeSettings timeSettings, ObjectMapper json, Audit audit,
                         SignInSettingsService signIn) {
        this.policies = policies;
        this.timeSettings = timeSettings;
        this.json = json;
        this.audit = audit;
        this.signIn = signIn;
    }

    public void orgPolicy(Context ctx) {
        UUID org = AccessControl.principal(ctx).orgId();
        ctx.json(withSignIn(org, withTimeSettings(policies.orgPolicy(org), org)));
    }

    public void updateOrgPolicy(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        UUID org = admin.orgId();
        JsonNode patch = body(ctx);
        // Every field is checked before anything is written: ours first, sign-in (provider discovery
        // included), then the capture policy's.
        TimeSettings.Patch time = TimeSettings.parse(patch);
        SignInSettingsService.Change signInChange = patch.has("signIn")
                ? signIn.parse(org, patch.get("signIn")) : null;
        var updated = policies.updateOrgPolicy(org, patch);
        timeSettings.apply(org, time);
        if (signInChange != null) {
            signIn.apply(org, signInChange);
        }
        audit.record(org, Audit.Actor.admin(admin), "policy.changed", "org policy",
                Map.of("changed", json.convertValue(withoutSecrets(patch), Map.class)));
        ctx.json(withSignIn(org, withTimeSettings(updated, org)));
    }

    /** The change as the audit log keeps it: an OAuth client secret is noted as changed, never copied. */
    private static JsonNode withoutSecrets(JsonNode patch) {
        JsonNode copy = patch.deepCopy();
        redact(copy);
        return copy;
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                if (e.getKey().toLowerCase(java.util.Locale.ROOT).contains("secret") && !e.getValue().isNull()) {
                    o.put(e.getKey(), "(changed)");
                } else {
                    redact(e.getValue());
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(PolicyHandler::redact);
        }
    }

    /** The capture policy with the customer-time settings (minutesPerEmail, workingHoursPerWeek) beside it. */
    private ObjectNode withTimeSettings(Object policy, UUID org) {
        ObjectNode node = json.valueToTree(policy);
        node.setAll((ObjectNode) json.valueToTree(timeSettings.get(org)));
        return node;
    }

    public void personalNeverLog(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        ctx.json(policies.personalNeverLog(p.orgId(), p.userId()));
    }

    public void replacePersonalNeverLog(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        ctx.json(policies.replacePersonalNeverLog(p.orgId(), p.userId(), body(ctx)));
    }

    private ObjectNode withSignIn(UUID org, Object policy) {
        ObjectNode node = json.valueToTree(policy);
        node.set("signIn", json.valueToTree(signIn.find(org).map(SignInSettings::view).orElse(null)));
        return node;
    }

    private JsonNode body(Context ctx) {
        return JsonBody.object(ctx, json);
    }
}
