package dev.quietlog.insights;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.directory.Visibility;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for GET /api/v1/interactions. */
public final class InteractionHandler {
    private final InteractionFeed feed;
    private final Visibility visibility;

    public InteractionHandler(InteractionFeed feed, Visibility visibility) {
        this.feed = feed;
        this.visibility = visibility;
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
        ctx.json(Map.of("interactions", feed.latest(visibility.of(AccessControl.principal(ctx)), limit)));
    }
}
