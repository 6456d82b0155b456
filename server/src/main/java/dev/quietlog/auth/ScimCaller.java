package dev.quietlog.auth;

import io.javalin.security.RouteRole;
import java.util.UUID;

/** An org's identity provider calling /scim/v2 with the org's SCIM token. */
public record ScimCaller(UUID orgId, UUID tokenId) {

    /** The route role of /scim/v2: only a SCIM token is admitted there, and a SCIM token nowhere else. */
    public enum ScimRole implements RouteRole {
        SCIM_CLIENT
    }
}
