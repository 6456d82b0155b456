package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.ScimCaller;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** HTTP in and out for /scim/v2: discovery documents and Users, in application/scim+json (Groups: ScimGroupHandler). */
public final class ScimHandler {
    public static final String CONTENT_TYPE = "application/scim+json";

    private final ScimUsers users;
    private final ObjectMapper json;
    private final ScimEvents events;
    private final String serviceProviderConfig = resource("scim/ServiceProviderConfig.json");
    private final String schemas = resource("scim/Schemas.json");
    private final String resourceTypes = resource("scim/ResourceTypes.json");

    /** Told of every change SCIM makes to a user, for the audit log. */
    public interface ScimEvents {
        void changed(UUID orgId, UUID tokenId, ScimUsers.Result result);
    }

    public ScimHandler(ScimUsers users, ObjectMapper json, ScimEvents events) {
        this.users = users;
        this.json = json;
        this.events = events;
    }

    public void serviceProviderConfig(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(serviceProviderConfig);
    }

    public void schemas(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(schemas);
    }

    public void resourceTypes(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(resourceTypes);
    }

    public void listUsers(Context ctx) {
        int startIndex = intParam(ctx, "startIndex", 1);
        int count = intParam(ctx, "count", 100);
        ScimUsers.Page page = users.list(caller(ctx).orgId(), ctx.queryParam("filter"), startIndex, count);
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(ScimJson.LIST_SCHEMA);
        out.put("totalResults", page.total());
        out.put("startIndex", page.startIndex());
        out.put("itemsPerPage", page.users().size());
        var resources = out.putArray("Resources");
        page.users().forEach(u -> resources.add(ScimJson.toJson(json, u)));
        send(ctx, 200, out);
    }

    public void getUser(Context ctx) {
        send(ctx, 200, ScimJson.toJson(json, users.get(caller(ctx).orgId(), ctx.pathParam("id"))));
    }

    public void createUser(Context ctx) {
        ScimCaller c = caller(ctx);
        ScimUsers.Result r = users.create(c.orgId(), body(ctx));
        events.changed(c.orgId(), c.tokenId(), r);
        ctx.header("Location", "/scim/v2/Users/" + r.user().id);
        send(ctx, 201, ScimJson.toJson(json, r.user()));
    }

    public void replaceUser(Context ctx) {
        ScimCaller c = caller(ctx);
        ScimUsers.Result r = users.replace(c.orgId(), ctx.pathParam("id"), body(ctx));
        events.changed(c.orgId(), c.tokenId(), r);
        send(ctx, 200, ScimJson.toJson(json, r.user()));
    }

    public void patchUser(Context ctx) {
        ScimCaller c = caller(ctx);
        ScimUsers.Result r = users.patch(c.orgId(), ctx.pathParam("id"), body(ctx));
        events.changed(c.orgId(), c.tokenId(), r);
        send(ctx, 200, ScimJson.toJson(json, r.user()));
    }

    public void deleteUser(Context ctx) {
        ScimCaller c = caller(ctx);
        ScimUsers.Result r = users.delete(c.orgId(), ctx.pathParam("id"));
        events.changed(c.orgId(), c.tokenId(), r);
        ctx.status(204);
    }

    static ScimCaller caller(Context ctx) {
        return AccessControl.scimCaller(ctx, true);
    }

    private JsonNode body(Context ctx) {
        return body(json, ctx);
    }

    static JsonNode body(ObjectMapper json, Context ctx) {
        try {
            return json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ScimError.invalidSyntax("body: not valid JSON");
        }
    }

    private void send(Context ctx, int status, JsonNode body) {
        send(json, ctx, status, body);
    }

    static void send(ObjectMapper json, Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue(name + ": must be a whole number");
        }
    }

    private static String resource(String path) {
        try (InputStream in = ScimHandler.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
