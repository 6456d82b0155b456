package dev.quietlog.insights;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for GET /api/v1/interactions. */
public final class InteractionHandler {
    private final InteractionFeed feed;

    public InteractionHandler(InteractionFeed feed) {
        this.feed = feed;
    }

    public void latest(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit;
        try {
            limit = raw == null ? 100 : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 500) {
            throw ApiError.badRequest("limit: must be a whole number between 1 and 500");
        }
        ctx.json(Map.of("interactions", feed.latest(AccessControl.principal(ctx), limit)));
    }
}
