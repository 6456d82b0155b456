package dev.quietlog.insights;

import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;

/** HTTP in and out for GET /api/v1/contacts/{email}/summary. */
public final class ContactHandler {
    private final ContactSummary summary;

    public ContactHandler(ContactSummary summary) {
        this.summary = summary;
    }

    public void summary(Context ctx) {
        ctx.json(summary.of(AccessControl.principal(ctx), ctx.pathParam("email")));
    }
}
