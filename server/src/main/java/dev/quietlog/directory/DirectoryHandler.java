package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.Config;
import dev.quietlog.app.JsonBody;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import dev.quietlog.signin.SignInSettings;
import dev.quietlog.signin.SignInSettingsService;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HTTP in and out for /api/v1/me and the admin API on users and tokens. */
public final class DirectoryHandler {
    private final DirectoryService directory;
    private final PolicyService policies;
    private final UserAddresses addresses;
    private final ObjectMapper json;
    private final Audit audit;
    private final SignInSettingsService signIn;

    public DirectoryHandler(DirectoryService directory, PolicyService policies, UserAddresses addresses,
                            ObjectMapper json, Audit audit, SignInSettingsService signIn) {
        this.directory = directory;
        this.policies = policies;
        this.addresses = addresses;
        this.json = json;
        this.audit = audit;
        this.signIn = signIn;
    }

    public void me(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        Org org = directory.org(p.orgId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", p.userId());
        user.put("email", p.email());
        user.put("name", p.name());
        user.put("role", p.role().wireName());
        user.put("addresses", addresses.of(p.orgId(), p.userId()));
        // neverLog is what the extension applies: the org's lists with the rep's own added.
        var effective = policies.capturePolicy(p.orgId(), p.userId());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("internalDomains", effective.internalDomains());
        policy.put("neverLog", Map.of("addresses", effective.neverLogAddresses(), "domains", effective.neverLogDomains()));
        policy.put("personalNeverLog", policies.personalNeverLog(p.orgId(), p.userId()));
        policy.put("allowFreeMail", effective.allowFreeMail());
        policy.put("captureLevel", effective.captureLevel());
        policy.put("allowDelegatedMailboxes", effective.allowDelegatedMailboxes());
        policy.put("signIn", signIn.find(p.orgId()).map(SignInSettings::view).orElse(null));
        policy.put("connectors", policies.connectors(p.orgId()));
        ctx.json(Map.of("user", user, "org", Map.of("id", org.id(), "name", org.name()), "policy", policy));
    }

    public void createUser(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        Principal admin = AccessControl.principal(ctx);
        User u = directory.createUser(admin.orgId(), text(body, "email"), text(body, "name"), text(body, "role"));
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "user.created", u.email(),
                Map.of("role", u.role().wireName(), "name", u.name()));
        ctx.status(201).json(Map.of("id", u.id(), "email", u.email(), "name", u.name(), "role", u.role().wireName()));
    }

    public void userAddresses(Context ctx) {
        String email = ctx.pathParam("email");
        ctx.json(Map.of("addresses", addresses.ofUser(AccessControl.principal(ctx).orgId(), email)));
    }

    public void replaceUserAddresses(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        JsonNode list = body.get("addresses");
        if (list == null || !list.isArray()) {
            throw ApiError.badRequest("addresses: required, a list of email addresses");
        }
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw ApiError.badRequest("addresses[" + i + "]: must be a string");
            }
            raw.add(list.get(i).textValue());
        }
        if (raw.size() > UserAddresses.MAX_ADDRESSES) {
            throw ApiError.badRequest("addresses: at most " + UserAddresses.MAX_ADDRESSES + " per user");
        }
        ctx.json(Map.of("addresses", addresses.replace(AccessControl.principal(ctx).orgId(), ctx.pathParam("email"), raw)));
    }

    public void issueToken(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        JsonNode ttl = body.get("ttlDays");
        // 1.5 or 1e1 are numbers too, but not a whole number of days: refused, not truncated.
        if (ttl != null && !ttl.isNull() && !(ttl.isIntegralNumber() && ttl.canConvertToInt())) {
            throw ApiError.badRequest("ttlDays: must be a whole number from 1 to " + Config.MAX_TOKEN_TTL_DAYS);
        }
        Principal admin = AccessControl.principal(ctx);
        var issued = directory.issueToken(admin.orgId(), text(body, "email"),
                ttl == null || ttl.isNull() ? null : ttl.intValue(), admin.userId());
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "token.issued", text(body, "email").trim().toLowerCase(),
                Map.of("tokenId", issued.id(), "expiresAt", issued.expiresAt().toString()));
        ctx.status(201).json(Map.of("token", issued.token(), "expiresAt", issued.expiresAt(), "id", issued.id()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return v == null || v.isNull() ? null : v.textValue();
    }
}
