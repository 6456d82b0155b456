package dev.quietlog.web;

import dev.quietlog.auth.AccessControl;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * CSRF tokens for the dashboard's forms that change something: the token is a hash of the
 * session cookie, which another site can neither read (HttpOnly) nor guess, so any server copy
 * can check it without shared state, and it changes with every new session. Reading forms (date
 * range, search) carry none: they change nothing, and a token in a URL would end up in history.
 */
public final class Csrf {
    public static final String FIELD = "csrf";

    private Csrf() {
    }

    public static String token(Context ctx) {
        String session = ctx.cookie(AccessControl.SESSION_COOKIE);
        return session == null ? "" : hash(session);
    }

    /** Refuses a form post whose token is missing or not this session's. */
    public static void require(Context ctx) {
        String session = ctx.cookie(AccessControl.SESSION_COOKIE);
        String sent = ctx.formParam(FIELD);
        if (session == null || sent == null || !MessageDigest.isEqual(
                hash(session).getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII))) {
            throw new ForbiddenResponse("csrf: the form's token is missing or belongs to another session; reload the page");
        }
    }

    private static String hash(String session) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("quietlog-csrf:".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(session.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
