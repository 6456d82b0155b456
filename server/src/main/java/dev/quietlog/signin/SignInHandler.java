package dev.quietlog.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.JsonBody;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for the unauthenticated single sign-on endpoints. */
public final class SignInHandler {
    private final SignInService signIn;
    private final ObjectMapper json;

    public SignInHandler(SignInService signIn, ObjectMapper json) {
        this.signIn = signIn;
        this.json = json;
    }

    /**
     * GET /api/v1/sign-in?org=…: how to start a sign-in. Public knowledge (a public client's id
     * and the provider's endpoints), so any origin may read it (CORS: app/ApiCors): the
     * extension asks before it holds permission for the server's origin.
     */
    public void start(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("oidc", signIn.start(ctx.queryParam("org"))));
    }

    /** POST /api/v1/sign-in/oidc {idToken, nonce, org?} -> {token, expiresAt, user}. */
    public void oidc(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        var result = signIn.signIn(text(body, "org"), text(body, "idToken"), text(body, "nonce"));
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("token", result.token(), "expiresAt", result.expiresAt(),
                "user", Map.of("email", result.email(), "name", result.name(), "role", result.role())));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return v == null || v.isNull() ? null : v.textValue();
    }
}
