package dev.quietlog.app;

/**
 * A failure the client caused or must know about, with the HTTP status, a stable code and a
 * message that names what is wrong. Thrown from services; turned into
 * {"error": {"code", "message"}} in one place ({@link ErrorMapping}).
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }
}
