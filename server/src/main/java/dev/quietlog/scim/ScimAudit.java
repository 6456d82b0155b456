package dev.quietlog.scim;

import dev.quietlog.audit.Audit;
import java.util.Map;
import java.util.UUID;

/** Records what SCIM did to a user: provisioned, changed, deactivated, reactivated, deprovisioned. */
public final class ScimAudit implements ScimHandler.ScimEvents {
    private final Audit audit;

    public ScimAudit(Audit audit) {
        this.audit = audit;
    }

    @Override
    public void changed(UUID orgId, UUID tokenId, ScimUsers.Result result) {
        ScimUser u = result.user();
        String target = u.emails.isEmpty() ? u.userName : u.emails.get(0).value;
        Map<String, Object> details = Map.of("userId", u.id.toString(), "userName", u.userName,
                "active", u.active);
        for (ScimUsers.Change change : result.changes()) {
            String action = switch (change) {
                case CREATED -> "user.provisioned";
                case UPDATED -> "user.changed";
                case DEACTIVATED -> "user.deactivated";
                case REACTIVATED -> "user.reactivated";
                case DELETED -> "user.deprovisioned";
            };
            audit.record(orgId, Audit.Actor.scim(tokenId), action, target, details);
        }
    }
}
