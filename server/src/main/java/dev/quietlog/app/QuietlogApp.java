package dev.quietlog.app;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.javalin.apibuilder.ApiBuilder.sse;

import dev.quietlog.admin.KeysHandler;
import dev.quietlog.admin.TokensHandler;
import dev.quietlog.audit.AuditHandler;
import dev.quietlog.scim.ScimAudit;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.ScimCaller.ScimRole;
import dev.quietlog.scim.ScimGroupHandler;
import dev.quietlog.scim.ScimHandler;
import dev.quietlog.capture.CaptureHandler;
import dev.quietlog.capture.ExcludedThreadsHandler;
import dev.quietlog.directory.DirectoryHandler;
import dev.quietlog.directory.PolicyHandler;
import dev.quietlog.directory.TeamHandler;
import dev.quietlog.insights.ContactHandler;
import dev.quietlog.insights.InteractionHandler;
import dev.quietlog.web.AdminPages;
import dev.quietlog.web.DashboardPages;
import dev.quietlog.web.JteRenderer;
import dev.quietlog.web.LiveUpdates;
import dev.quietlog.signin.SignInHandler;
import dev.quietlog.web.WebPages;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;

/** Builds the unstarted app from its services; every route and the role it admits is declared here. */
public final class QuietlogApp {
    private QuietlogApp() {
    }

    public static Javalin create(Services s) {
        var excludedThreads = new ExcludedThreadsHandler(s.excludedThreads(), s.json());
        var capture = new CaptureHandler(s.capture(), s.json(), s.captureRateLimiter());
        var directory = new DirectoryHandler(s.directory(), s.policies(), s.addresses(), s.json(), s.audit(),
                s.signInSettings());
        var policy = new PolicyHandler(s.policies(), s.timeSettings(), s.json(), s.audit(), s.signInSettings());
        var signIn = new SignInHandler(s.signIn(), s.json());
        var teams = new TeamHandler(s.teams(), s.json(), s.audit());
        var interactions = new InteractionHandler(s.feed(), s.visibility());
        var contacts = new ContactHandler(s.contacts(), s.visibility());
        var adminTokens = new TokensHandler(s.adminTokens(), s.audit());
        var keys = new KeysHandler(s.signingKeys(), s.audit());
        var scim = new ScimHandler(s.scimUsers(), s.json(), new ScimAudit(s.audit()));
        var scimGroups = new ScimGroupHandler(s.scimGroups(), s.json());
        var auditLog = new AuditHandler(s.audit());
        var pages = new WebPages(s.tokens(), s.access(), s.sessions(), s.requestOrigin(), s.config().secureCookies(),
                s.audit());
        var guards = new RequestGuards(s.writeRateLimiter(), s.requestOrigin());
        var dashboard = new DashboardPages(s.access(), s.visibility(), s.dashboard(), s.timeSettings(), s.json(), s.clock(),
                s.audit());
        var adminPages = new AdminPages(s.access(), s.adminTokens(), s.audit(), s.json(), s.clock());
        var live = new LiveUpdates(s.database(), s.access(), s.visibility());

        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(s.json(), false));
            cfg.http.maxRequestSize = CaptureHandler.MAX_BODY_BYTES + 1;
            cfg.http.prefer405over404 = true; // a known path with the wrong method says so
            // The one multipart form (the admin page's list of addresses) is small: kept in memory, never on disk.
            cfg.jetty.multipartConfig.maxFileSize(AdminPages.MAX_UPLOAD_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(AdminPages.MAX_FORM_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) AdminPages.MAX_FORM_BYTES, SizeUnit.BYTES);
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
            // Chart library (uPlot) from its WebJar: /webjars/uplot/<version>/dist/...
            cfg.staticFiles.enableWebjars();
            cfg.fileRenderer(new JteRenderer());
            cfg.events.serverStopping(live::close);
            ErrorMapping.install(cfg);
            // First, so that every answer on the routes the extension calls carries CORS, refusals included.
            ApiCors.install(cfg.routes);
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
                    // Unauthenticated: a rep without a token yet signs in through the org's provider.
                    get("/sign-in", signIn::start);
                    post("/sign-in/oidc", signIn::oidc);
                    get("/me", directory::me, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/me/never-log", policy::personalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    put("/me/never-log", policy::replacePersonalNeverLog, Role.REP, Role.MANAGER, Role.ADMIN);
                    put("/me/excluded-threads", excludedThreads::exclude, Role.REP, Role.MANAGER, Role.ADMIN);
                    delete("/me/excluded-threads", excludedThreads::include, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/me/threads", excludedThreads::status, Role.REP, Role.MANAGER, Role.ADMIN);
                    post("/captures", capture::post, Role.REP, Role.MANAGER);
                    get("/interactions", interactions::latest, Role.REP, Role.MANAGER, Role.ADMIN);
                    get("/contacts/{email}/summary", contacts::summary, Role.REP, Role.MANAGER, Role.ADMIN);
                    path("/dashboard", () -> {
                        get("/team", dashboard::teamApi, Role.MANAGER, Role.ADMIN);
                        get("/reps/{user}", dashboard::repApi, Role.MANAGER, Role.ADMIN);
                        get("/accounts/{domain}", dashboard::accountApi, Role.MANAGER, Role.ADMIN);
                        get("/cold", dashboard::coldApi, Role.MANAGER, Role.ADMIN);
                        get("/search", dashboard::searchApi, Role.MANAGER, Role.ADMIN);
                    });
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
                        post("/teams", teams::create, Role.ADMIN);
                        get("/teams", teams::list, Role.ADMIN);
                        get("/teams/{team}", teams::get, Role.ADMIN);
                        post("/teams/{team}/{list}", teams::addMember, Role.ADMIN);
                        delete("/teams/{team}/{list}/{email}", teams::removeMember, Role.ADMIN);
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
                    get("/Groups", scimGroups::list, ScimRole.SCIM_CLIENT);
                    post("/Groups", scimGroups::create, ScimRole.SCIM_CLIENT);
                    get("/Groups/{id}", scimGroups::get, ScimRole.SCIM_CLIENT);
                    put("/Groups/{id}", scimGroups::replace, ScimRole.SCIM_CLIENT);
                    patch("/Groups/{id}", scimGroups::patch, ScimRole.SCIM_CLIENT);
                    delete("/Groups/{id}", scimGroups::delete, ScimRole.SCIM_CLIENT);
                });

                get("/", ctx -> ctx.redirect("/dashboard", HttpStatus.SEE_OTHER));
                get("/login", pages::loginForm);
                post("/login", pages::login);
                post("/logout", pages::logout);
                get("/dashboard", pages::dashboard);
                get("/dashboard/team", dashboard::team);
                get("/dashboard/reps/{user}", dashboard::rep);
                get("/dashboard/accounts/{domain}", dashboard::account);
                get("/dashboard/cold", dashboard::cold);
                get("/dashboard/search", dashboard::search);
                post("/dashboard/settings", dashboard::saveSettings);
                // Admins only (checked in AdminPages: session pages carry no route roles).
                get("/dashboard/admin/tokens", adminPages::tokens);
                get("/dashboard/admin/tokens/issue", adminPages::issueForm);
                post("/dashboard/admin/tokens/issue", adminPages::issue);
                get("/dashboard/admin/tokens/revoke-all", adminPages::confirmRevokeAll);
                post("/dashboard/admin/tokens/revoke-all", adminPages::revokeAll);
                post("/dashboard/admin/tokens/{id}/revoke", adminPages::revoke);
                get("/dashboard/admin/audit", adminPages::audit);
                sse("/dashboard/live", live::subscribe);
            });
        });
    }
}
