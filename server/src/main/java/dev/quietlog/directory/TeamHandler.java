package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.JsonBody;
import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for /api/v1/admin/teams. */
public final class TeamHandler {
    private final TeamService teams;
    private final ObjectMapper json;

    public TeamHandler(TeamService teams, ObjectMapper json) {
        this.teams = teams;
        this.json = json;
    }

    public void create(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        ctx.status(201).json(teams.create(orgId(ctx), text(body, "name")));
    }

    public void list(Context ctx) {
        ctx.json(Map.of("teams", teams.list(orgId(ctx))));
    }

    public void get(Context ctx) {
        ctx.json(teams.get(orgId(ctx), ctx.pathParam("team")));
    }

    /** POST /teams/{team}/{managers|reps} {"email"} */
    public void addMember(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        ctx.json(teams.addMember(orgId(ctx), ctx.pathParam("team"),
                TeamService.MemberRole.fromPath(ctx.pathParam("list")), text(body, "email")));
    }

    /** DELETE /teams/{team}/{managers|reps}/{email} */
    public void removeMember(Context ctx) {
        ctx.json(teams.removeMember(orgId(ctx), ctx.pathParam("team"),
                TeamService.MemberRole.fromPath(ctx.pathParam("list")), ctx.pathParam("email")));
    }

    private static java.util.UUID orgId(Context ctx) {
        return AccessControl.principal(ctx).orgId();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiError.badRequest(field + ": required");
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field + ": must be a string");
        }
        return v.textValue();
    }
}
