package dev.quietlog.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.auth.ScimCaller;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;

/** HTTP in and out for /scim/v2/Groups, in application/scim+json. */
public final class ScimGroupHandler {
    private static final String MEMBERS_URN = (ScimGroupJson.GROUP_SCHEMA + ":members").toLowerCase(Locale.ROOT);

    private final ScimGroups groups;
    private final ObjectMapper json;

    public ScimGroupHandler(ScimGroups groups, ObjectMapper json) {
        this.groups = groups;
        this.json = json;
    }

    public void list(Context ctx) {
        int startIndex = ScimHandler.intParam(ctx, "startIndex", 1);
        int count = ScimHandler.intParam(ctx, "count", 100);
        boolean withMembers = withMembers(ctx);
        ScimGroups.Page page = groups.list(ScimHandler.caller(ctx).orgId(), ctx.queryParam("filter"), startIndex, count,
                withMembers);
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(ScimJson.LIST_SCHEMA);
        out.put("totalResults", page.total());
        out.put("startIndex", page.startIndex());
        out.put("itemsPerPage", page.groups().size());
        var resources = out.putArray("Resources");
        page.groups().forEach(g -> resources.add(ScimGroupJson.toJson(json, g, withMembers)));
        ScimHandler.send(json, ctx, 200, out);
    }

    public void get(Context ctx) {
        answer(ctx, 200, groups.get(ScimHandler.caller(ctx).orgId(), ctx.pathParam("id")));
    }

    public void create(Context ctx) {
        ScimCaller c = ScimHandler.caller(ctx);
        ScimGroup g = groups.create(c.orgId(), c.tokenId(), ScimHandler.body(json, ctx));
        ctx.header("Location", "/scim/v2/Groups/" + g.id);
        answer(ctx, 201, g);
    }

    public void replace(Context ctx) {
        ScimCaller c = ScimHandler.caller(ctx);
        answer(ctx, 200, groups.replace(c.orgId(), c.tokenId(), ctx.pathParam("id"), ScimHandler.body(json, ctx)));
    }

    /** 200 with the group (RFC 7644 section 3.5.2 allows 200 or 204; Okta and Entra accept both). */
    public void patch(Context ctx) {
        ScimCaller c = ScimHandler.caller(ctx);
        answer(ctx, 200, groups.patch(c.orgId(), c.tokenId(), ctx.pathParam("id"), ScimHandler.body(json, ctx)));
    }

    public void delete(Context ctx) {
        ScimCaller c = ScimHandler.caller(ctx);
        groups.delete(c.orgId(), c.tokenId(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void answer(Context ctx, int status, ScimGroup g) {
        ScimHandler.send(json, ctx, status, ScimGroupJson.toJson(json, g, withMembers(ctx)));
    }

    /**
     * Members are left out when the caller asks for it: {@code excludedAttributes=members} (Entra
     * sends it on every group lookup) or an {@code attributes} list without members (RFC 7644
     * section 3.4.2.5).
     */
    private static boolean withMembers(Context ctx) {
        String excluded = ctx.queryParam("excludedAttributes");
        if (excluded != null && names(excluded)) {
            return false;
        }
        String attributes = ctx.queryParam("attributes");
        return attributes == null || attributes.isBlank() || names(attributes);
    }

    private static boolean names(String list) {
        return Arrays.stream(list.split(",")).map(a -> a.strip().toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals("members") || a.equals(MEMBERS_URN) || a.startsWith("members."));
    }
}
