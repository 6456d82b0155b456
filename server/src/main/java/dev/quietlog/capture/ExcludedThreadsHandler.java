package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.JsonBody;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** HTTP in and out for a rep's thread opt-out: PUT/DELETE /api/v1/me/excluded-threads, GET /api/v1/me/threads. */
public final class ExcludedThreadsHandler {
    private final ExcludedThreads threads;
    private final ObjectMapper json;

    public ExcludedThreadsHandler(ExcludedThreads threads, ObjectMapper json) {
        this.threads = threads;
        this.json = json;
    }

    public void exclude(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        Principal p = AccessControl.principal(ctx);
        var thread = ExcludedThreads.thread(text(body, "source"), text(body, "mailbox"), text(body, "threadId"));
        ctx.json(Map.of("excluded", true, "removedInteractions", threads.exclude(p.orgId(), p.userId(), thread)));
    }

    public void include(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        threads.include(p.orgId(), p.userId(), fromQuery(ctx));
        ctx.json(Map.of("excluded", false));
    }

    public void status(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        var s = threads.status(p.orgId(), p.userId(), fromQuery(ctx));
        Map<String, Object> out = new HashMap<>();
        out.put("excluded", s.excluded());
        out.put("interactions", s.interactions());
        out.put("lastCapturedAt", s.lastCapturedAt());
        ctx.json(out);
    }

    private static ExcludedThreads.Thread fromQuery(Context ctx) {
        return ExcludedThreads.thread(ctx.queryParam("source"), ctx.queryParam("mailbox"), ctx.queryParam("threadId"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return v == null || v.isNull() ? null : v.textValue();
    }
}
