package dev.quietlog.insights;

import dev.quietlog.auth.AccessControl;
import dev.quietlog.directory.Visibility;
import io.javalin.http.Context;

/** HTTP in and out for GET /api/v1/contacts/{email}/summary. */
public final class ContactHandler {
    private final ContactSummary summary;
    private final Visibility visibility;

    public ContactHandler(ContactSummary summary, Visibility visibility) {
        this.summary = summary;
        this.visibility = visibility;
    }

    public void summary(Context ctx) {
        ctx.json(summary.of(visibility.of(AccessControl.principal(ctx)), ctx.pathParam("email")));
    }
}
