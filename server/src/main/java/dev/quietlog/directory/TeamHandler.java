package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.app.JsonBody;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;
import java.util.Map;

/** HTTP in and out for /api/v1/admin/teams. */
public final class TeamHandler {
    private final TeamService teams;
    private final ObjectMapper json;
    private final Audit audit;

    public TeamHandler(TeamService teams, ObjectMapper json, Audit audit) {
        this.teams = teams;
        this.json = json;
        this.audit = audit;
    }

    public void create(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        TeamService.Team team = teams.create(orgId(ctx), text(body, "name"));
        record(ctx, "team.created", team, Map.of("name", team.name()));
        ctx.status(201).json(team);
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
        TeamService.MemberRole role = TeamService.MemberRole.fromPath(ctx.pathParam("list"));
        TeamService.Team team = teams.addMember(orgId(ctx), ctx.pathParam("team"), role, text(body, "email"));
        record(ctx, "team.member.added", team, Map.of("email", text(body, "email"), "as", role.name().toLowerCase()));
        ctx.json(team);
    }

    /** DELETE /teams/{team}/{managers|reps}/{email} */
    public void removeMember(Context ctx) {
        TeamService.MemberRole role = TeamService.MemberRole.fromPath(ctx.pathParam("list"));
        TeamService.Team team = teams.removeMember(orgId(ctx), ctx.pathParam("team"), role, ctx.pathParam("email"));
        record(ctx, "team.member.removed", team, Map.of("email", ctx.pathParam("email"), "as", role.name().toLowerCase()));
        ctx.json(team);
    }

    private void record(Context ctx, String action, TeamService.Team team, Map<String, ?> details) {
        var admin = AccessControl.principal(ctx);
        audit.record(admin.orgId(), Audit.Actor.admin(admin), action, "team " + team.name() + " (" + team.id() + ")", details);
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
