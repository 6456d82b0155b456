package dev.quietlog.admin;

import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.SigningKeys;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for /api/v1/admin/keys: list, rotate, retire. */
public final class KeysHandler {
    private final SigningKeys keys;
    private final Audit audit;

    public KeysHandler(SigningKeys keys, Audit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("keys", keys.list()));
    }

    public void rotate(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        SigningKeys.KeyInfo k = keys.rotate();
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "key.rotated", k.kid(), Map.of());
        ctx.status(201).json(k);
    }

    public void retire(Context ctx) {
        Principal admin = AccessControl.principal(ctx);
        SigningKeys.KeyInfo k = keys.retire(ctx.pathParam("kid"));
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "key.retired", k.kid(), Map.of());
        ctx.json(k);
    }
}
