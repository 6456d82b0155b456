package dev.quietlog.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a request body that must be a JSON object, answering 400 in plain words when it is not. */
public final class JsonBody {
    private JsonBody() {
    }

    public static JsonNode object(Context ctx, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            // The original message names the problem ("Duplicate field 'role'") without echoing the body.
            String detail = e instanceof JacksonException j ? j.getOriginalMessage() : null;
            throw ApiError.badRequest("body: not valid JSON" + (detail == null ? "" : " (" + detail + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object");
        }
        return node;
    }
}
