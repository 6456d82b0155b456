package dev.quietlog.app;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import dev.quietlog.auth.Role;
import dev.quietlog.capture.CaptureHandler;
import dev.quietlog.directory.DirectoryHandler;
import dev.quietlog.directory.PolicyHandler;
import dev.quietlog.insights.ContactHandler;
import dev.quietlog.insights.InteractionHandler;
import dev.quietlog.signin.SignInHandler;
import dev.quietlog.web.WebPages;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;

/** Builds the unstarted app from its services; every route and the role it admits is declared here. */
public final class QuietlogApp {
    private QuietlogApp() {
    }

    public static Javalin create(Services s) {
        var capture = new CaptureHandler(s.capture(), s.json(), s.captureRateLimiter());
        var directory = new DirectoryHandler(s.directory(), s.policies(), s.json(), s.signInSettings());
        var policy = new PolicyHandler(s.policies(), s.json(), s.signInSettings());
        var signIn = new SignInHandler(s.signIn(), s.json());
        var interactions = new InteractionHandler(s.feed());
        var contacts = new ContactHandler(s.contacts());
        var pages = new WebPages(s.tokens(), s.access(), s.config().sessionTtl(), s.config().secureCookies());

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(s.json(), false));
            cfg.http.maxRequestSize = CaptureHandler.MAX_BODY_BYTES + 1;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "web/assets";
                files.location = Location.CLASSPATH;
            });
            ErrorMapping.install(cfg);
            cfg.routes.before(WebPages::securityHeaders);
            cfg.routes.beforeMatched(s.access()::check);

            // The API builder has no OPTIONS: the sign-in POST's CORS preflight is declared here.
            cfg.routes.options("/api/v1/sign-in/oidc", signIn::preflight);
            cfg.routes.apiBuilder(() -> {
                get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
                get("/health/ready", ctx -> {
                    if (s.database().isReady()) {
                        ctx.json(Map.of("status", "ready"));
                    } else {
                        ErrorMapping.respond(ctx, 503, "not_ready", "Database unreachable or migrations pending");
                    }
                });
                get("/.well-known/jwks.json", ctx -> ctx.json(s.signingKeys().publicKeys().toJSONObject()));

                path("/api/v1", () -> {
                    // Unauthenticated: a rep without a token yet signs in through the org's provider.
                    get("/sign-in", signIn::start);
                    post("/sign-in/oidc", signIn::oidc);
                    get("/me", directory::me, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/me/never-log", policy::personalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    put("/me/never-log", policy::replacePersonalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    post("/captures", capture::post, Role.REP, Role.MANAGER);
                    get("/interactions", interactions::latest, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/contacts/{email}/summary", contacts::summary, Role.REP, Role.MANAGER, Role.ADMIN);
                    path("/admin", () -> {
                        post("/users", directory::createUser, Role.ADMIN);
                        post("/tokens", directory::issueToken, Role.ADMIN);
                        get("/policy", policy::orgPolicy, Role.ADMIN);
                        patch("/policy", policy::updateOrgPolicy, Role.ADMIN);
                    });
                });

                get("/", ctx -> ctx.redirect("/dashboard", HttpStatus.SEE_OTHER));
                get("/login", pages::loginForm);
                post("/login", pages::login);
                post("/logout", pages::logout);
                get("/dashboard", pages::dashboard);
            });
        });
    }
}
