package dev.quietlog.web;

import com.google.common.html.HtmlEscapers;
import dev.quietlog.app.ApiError;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.Sessions;
import dev.quietlog.auth.TokenService;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The manager dashboard's pages: a login form that turns a manager or admin token into a
 * server-side session (an HttpOnly, SameSite=Strict, __Host- cookie naming it), logout that
 * ends it, and the dashboard behind it. Sign-in and sign-out refuse requests another site made.
 */
public final class WebPages {
    /** Applied to every response: the dashboard shows hostile email content. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final TokenService tokens;
    private final AccessControl access;
    private final Sessions sessions;
    private final RequestOrigin origin;
    private final boolean secureCookies;
    private final String loginHtml = resource("web/login.html");
    private final String dashboardHtml = resource("web/dashboard.html");

    private final Audit audit;

    public WebPages(TokenService tokens, AccessControl access, Sessions sessions, RequestOrigin origin,
                    boolean secureCookies, Audit audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.access = access;
        this.sessions = sessions;
        this.origin = origin;
        this.secureCookies = secureCookies;
    }

    public static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    public void loginForm(Context ctx) {
        ctx.html(loginPage(null));
    }

    public void login(Context ctx) {
        refuseCrossSite(ctx);
        if (!cookieCanBeSecure(ctx)) {
            ctx.status(400).html(loginPage("Signing in needs HTTPS: open the dashboard over https:// (behind a proxy, "
                    + "set QUIETLOG_TRUST_PROXY=true), or on this machine at http://localhost."));
            return;
        }
        String token = Optional.ofNullable(ctx.formParam("token")).map(String::trim).orElse("");
        Optional<Principal> principal = tokens.verifyAccessToken(token).flatMap(access::lookup);
        if (principal.isEmpty()) {
            ctx.status(401).html(loginPage("That token is not valid: it may be mistyped, expired or revoked."));
            return;
        }
        Principal p = principal.get();
        if (p.role() == Role.REP) {
            ctx.status(403).html(loginPage("That is a rep's token. The dashboard is for managers and admins."));
            return;
        }
        Sessions.Started session = sessions.start(p);
        audit.record(p.orgId(), Audit.Actor.signIn(p.userId(), p.email()), "dashboard.signed-in", p.email(),
                java.util.Map.of("role", p.role().wireName()));
        long maxAge = Duration.between(Instant.now(), session.expiresAt()).toSeconds();
        setSessionCookie(ctx, session.cookieValue(), maxAge);
        ctx.redirect("/dashboard", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    public void logout(Context ctx) {
        refuseCrossSite(ctx);
        String cookie = ctx.cookie(AccessControl.SESSION_COOKIE);
        if (cookie != null) {
            sessions.end(cookie);
        }
        setSessionCookie(ctx, "", 0);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** A form post from another site must not sign anyone in or out (login CSRF, forced logout). */
    private void refuseCrossSite(Context ctx) {
        if (origin.isCrossSite(ctx)) {
            throw new ApiError(403, "cross_site_request", "Sign-in and sign-out are accepted only from this server's own pages");
        }
    }

    private boolean cookieCanBeSecure(Context ctx) {
        return secureCookies || origin.isHttps(ctx) || origin.isLoopback(ctx);
    }

    public void dashboard(Context ctx) {
        Optional<Principal> p = access.sessionPrincipal(ctx).filter(x -> x.role() != Role.REP);
        if (p.isEmpty()) {
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.html(dashboardHtml);
    }

    private void setSessionCookie(Context ctx, String value, long maxAgeSeconds) {
        // Always Secure: a __Host- cookie is refused by browsers without it (login() made sure it can be).
        ctx.header("Set-Cookie", AccessControl.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict; Secure");
    }

    /** Messages are our own fixed sentences, escaped all the same. */
    private String loginPage(String message) {
        String block = message == null ? "" : "<p class=\"message\" role=\"alert\">" + HtmlEscapers.htmlEscaper().escape(message) + "</p>";
        return loginHtml.replace("<!--message-->", block);
    }

    private static String resource(String path) {
        try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
