package dev.quietlog.admin;

import dev.quietlog.auth.SigningKeys;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for /api/v1/admin/keys: list, rotate, retire. */
public final class KeysHandler {
    private final SigningKeys keys;

    public KeysHandler(SigningKeys keys) {
        this.keys = keys;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("keys", keys.list()));
    }

    public void rotate(Context ctx) {
        ctx.status(201).json(keys.rotate());
    }

    public void retire(Context ctx) {
        ctx.json(keys.retire(ctx.pathParam("kid")));
    }
}
