package dev.quietlog.scim;

import dev.quietlog.app.ApiError;

/**
 * A SCIM failure (RFC 7644 section 3.12): an HTTP status, the scimType an identity provider acts
 * on (invalidFilter, uniqueness, ...) and a detail naming the attribute at fault.
 */
public final class ScimError extends ApiError {
    private final String scimType;

    public ScimError(int status, String scimType, String detail) {
        super(status, scimType == null ? "scim_error" : scimType, detail);
        this.scimType = scimType;
    }

    public String scimType() {
        return scimType;
    }

    static ScimError invalidFilter(String detail) {
        return new ScimError(400, "invalidFilter", detail);
    }

    static ScimError invalidPath(String detail) {
        return new ScimError(400, "invalidPath", detail);
    }

    static ScimError invalidValue(String detail) {
        return new ScimError(400, "invalidValue", detail);
    }

    static ScimError invalidSyntax(String detail) {
        return new ScimError(400, "invalidSyntax", detail);
    }

    static ScimError noTarget(String detail) {
        return new ScimError(400, "noTarget", detail);
    }

    static ScimError uniqueness(String detail) {
        return new ScimError(409, "uniqueness", detail);
    }

    static ScimError missing(String detail) {
        return new ScimError(404, null, detail);
    }
}
