package dev.quietlog.app;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import dev.quietlog.admin.KeysHandler;
import dev.quietlog.admin.TokensHandler;
import dev.quietlog.audit.AuditHandler;
import dev.quietlog.scim.ScimAudit;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.ScimCaller.ScimRole;
import dev.quietlog.scim.ScimHandler;
import dev.quietlog.capture.CaptureHandler;
import dev.quietlog.directory.DirectoryHandler;
import dev.quietlog.directory.PolicyHandler;
import dev.quietlog.insights.ContactHandler;
import dev.quietlog.insights.InteractionHandler;
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
        var directory = new DirectoryHandler(s.directory(), s.policies(), s.addresses(), s.json(), s.audit());
        var policy = new PolicyHandler(s.policies(), s.json(), s.audit());
        var interactions = new InteractionHandler(s.feed());
        var contacts = new ContactHandler(s.contacts());
        var adminTokens = new TokensHandler(s.adminTokens(), s.audit());
        var keys = new KeysHandler(s.signingKeys(), s.audit());
        var scim = new ScimHandler(s.scimUsers(), s.json(), new ScimAudit(s.audit()));
        var auditLog = new AuditHandler(s.audit());
        var pages = new WebPages(s.tokens(), s.access(), s.sessions(), s.requestOrigin(), s.config().secureCookies(), s.audit());
        var guards = new RequestGuards(s.writeRateLimiter(), s.requestOrigin());

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(s.json(), false));
            cfg.http.maxRequestSize = CaptureHandler.MAX_BODY_BYTES + 1;
            cfg.http.prefer405over404 = true; // a known path with the wrong method says so
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                // Errors Jetty answers itself (bad URI, headers too large, ...) get our JSON shape too.
                server.setErrorHandler(new JettyErrors());
            });
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "web/assets";
                files.location = Location.CLASSPATH;
            });
            ErrorMapping.install(cfg);
            cfg.routes.before(WebPages::securityHeaders);
            cfg.routes.before(guards::beforeAll);
            cfg.routes.beforeMatched(s.access()::check);
            cfg.routes.beforeMatched(guards::beforeMatched);

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
                    get("/me", directory::me, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/me/never-log", policy::personalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    put("/me/never-log", policy::replacePersonalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    post("/captures", capture::post, Role.REP, Role.MANAGER);
                    get("/interactions", interactions::latest, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/contacts/{email}/summary", contacts::summary, Role.REP, Role.MANAGER, Role.ADMIN);
                    path("/admin", () -> {
                        post("/users", directory::createUser, Role.ADMIN);
                        get("/users/{email}/addresses", directory::userAddresses, Role.ADMIN);
                        put("/users/{email}/addresses", directory::replaceUserAddresses, Role.ADMIN);
                        post("/tokens", directory::issueToken, Role.ADMIN);
                        get("/tokens", adminTokens::list, Role.ADMIN);
                        post("/tokens/bulk", adminTokens::issueFromCsv, Role.ADMIN);
                        delete("/tokens/{id}", adminTokens::revoke, Role.ADMIN);
                        delete("/users/{email}/tokens", adminTokens::revokeAllOfUser, Role.ADMIN);
                        post("/scim-tokens", adminTokens::issueScimToken, Role.ADMIN);
                        get("/keys", keys::list, Role.ADMIN);
                        get("/audit", auditLog::list, Role.ADMIN);
                        post("/keys/rotate", keys::rotate, Role.ADMIN);
                        post("/keys/{kid}/retire", keys::retire, Role.ADMIN);
                        get("/policy", policy::orgPolicy, Role.ADMIN);
                        patch("/policy", policy::updateOrgPolicy, Role.ADMIN);
                    });
                });

                // SCIM 2.0 for identity providers (Okta, Entra ID): the org's SCIM token only.
                path("/scim/v2", () -> {
                    get("/ServiceProviderConfig", scim::serviceProviderConfig, ScimRole.SCIM_CLIENT);
                    get("/Schemas", scim::schemas, ScimRole.SCIM_CLIENT);
                    get("/ResourceTypes", scim::resourceTypes, ScimRole.SCIM_CLIENT);
                    get("/Users", scim::listUsers, ScimRole.SCIM_CLIENT);
                    post("/Users", scim::createUser, ScimRole.SCIM_CLIENT);
                    get("/Users/{id}", scim::getUser, ScimRole.SCIM_CLIENT);
                    put("/Users/{id}", scim::replaceUser, ScimRole.SCIM_CLIENT);
                    patch("/Users/{id}", scim::patchUser, ScimRole.SCIM_CLIENT);
                    delete("/Users/{id}", scim::deleteUser, ScimRole.SCIM_CLIENT);
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
