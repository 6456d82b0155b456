package dev.quietlog.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.app.ApiError;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import dev.quietlog.directory.TimeSettings;
import dev.quietlog.directory.Visibility;
import dev.quietlog.directory.Visibility.Scope;
import dev.quietlog.insights.CustomerTime;
import dev.quietlog.insights.Dashboard;
import dev.quietlog.insights.DateRange;
import dev.quietlog.insights.Touch;
import dev.quietlog.insights.WeekPoint;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The managers' dashboard pages (HTML through jte), each table's CSV export (?format=csv&table=…)
 * and the same data as JSON under /api/v1/dashboard. HTTP in and out only: what is shown comes
 * from {@link Dashboard}, who may see it from {@link Visibility}.
 */
public final class DashboardPages {
    private final AccessControl access;
    private final Visibility visibility;
    private final Dashboard dashboard;
    private final TimeSettings timeSettings;
    private final ObjectMapper json;
    private final Clock clock;
    private final Audit audit;

    public DashboardPages(AccessControl access, Visibility visibility, Dashboard dashboard, TimeSettings timeSettings,
                          ObjectMapper json, Clock clock, Audit audit) {
        this.audit = audit;
        this.access = access;
        this.visibility = visibility;
        this.dashboard = dashboard;
        this.timeSettings = timeSettings;
        this.json = json;
        this.clock = clock;
    }

    private interface Body {
        void handle(Context ctx, Scope scope, DateRange range, Map<String, String> params);
    }

    // ---- pages -------------------------------------------------------------------------

    public void team(Context ctx) {
        page(ctx, "team", "30", List.of("team"), (c, scope, range, params) -> {
            Dashboard.TeamOverview model = dashboard.teamOverview(scope, uuid(params.get("team"), "team"), range);
            if (csv(c, params, Map.of(
                    "reps", () -> repsCsv(model.reps(), model.total()),
                    "weeks", () -> weeksCsv(model.weeks())))) {
                return;
            }
            PageFrame frame = frame(c, "Team overview", "team", range, params);
            c.render("team.jte", Map.of("frame", frame, "model", model, "chart", chart(model.weeks()),
                    "isAdmin", scope.role() == Role.ADMIN));
        });
    }

    public void rep(Context ctx) {
        page(ctx, "team", "30", List.of(), (c, scope, range, params) -> {
            Dashboard.RepPage model = dashboard.rep(scope, uuid(c.pathParam("user"), "user"), range);
            if (csv(c, params, Map.of(
                    "touches", () -> touchesCsv(model.touches()),
                    "accounts", () -> {
                        Csv out = new Csv().row("Account", "Touches", "Last touch day");
                        model.accounts().forEach(a -> out.row(a.account(), a.touches(), a.lastDay()));
                        return out;
                    },
                    "weeks", () -> weeksCsv(model.weeks())))) {
                return;
            }
            PageFrame frame = frame(c, model.rep().displayName(), "team", range, params);
            c.render("rep.jte", Map.of("frame", frame, "model", model, "chart", chart(model.weeks())));
        });
    }

    public void account(Context ctx) {
        page(ctx, "search", "90", List.of(), (c, scope, range, params) -> {
            Dashboard.AccountPage model = dashboard.account(scope, c.pathParam("domain"), range);
            if (csv(c, params, Map.of(
                    "timeline", () -> touchesCsv(model.timeline()),
                    "contacts", () -> {
                        Csv out = new Csv().row("Contact", "Address", "Touches", "Last touch");
                        model.contacts().forEach(x -> out.row(x.displayName(), x.email(), x.touches(), x.lastTouchAt()));
                        return out;
                    },
                    "reps", () -> {
                        Csv out = new Csv().row("Rep", "Address", "Touches", "Last touch day");
                        model.reps().forEach(x -> out.row(x.displayName(), x.email(), x.touches(), x.lastDay()));
                        return out;
                    }))) {
                return;
            }
            PageFrame frame = frame(c, model.domain(), "search", range, params);
            c.render("account.jte", Map.of("frame", frame, "model", model));
        });
    }

    public void cold(Context ctx) {
        page(ctx, "cold", "90", List.of("touches", "quietDays"), (c, scope, range, params) -> {
            int touches = number(params.getOrDefault("touches", "3"), "touches");
            int quiet = number(params.getOrDefault("quietDays", "30"), "quietDays");
            Dashboard.ColdAccounts model = dashboard.cold(scope, range, touches, quiet);
            if (csv(c, params, Map.of("accounts", () -> {
                Csv out = new Csv().row("Account", "Touches in prior period", "Last touch day", "Knows it best");
                model.accounts().forEach(a -> out.row(a.account(), a.priorTouches(), a.lastDay(), a.knownBestBy()));
                return out;
            }))) {
                return;
            }
            PageFrame frame = frame(c, "Cold accounts", "cold", range, params);
            c.render("cold.jte", Map.of("frame", frame, "model", model));
        });
    }

    public void search(Context ctx) {
        page(ctx, "search", "30", List.of("q"), (c, scope, range, params) -> {
            Dashboard.SearchResult model = dashboard.search(scope, params.get("q"));
            if (csv(c, params, Map.of(
                    "contacts", () -> {
                        Csv out = new Csv().row("Contact", "Address");
                        model.contacts().forEach(x -> out.row(x.displayName(), x.email()));
                        return out;
                    },
                    "accounts", () -> {
                        Csv out = new Csv().row("Account", "Last touch day");
                        model.accounts().forEach(a -> out.row(a.account(), a.lastDay()));
                        return out;
                    }))) {
                return;
            }
            PageFrame frame = frame(c, "Search", "search", range, params);
            c.render("search.jte", Map.of("frame", frame, "model", model));
        });
    }

    /** POST /dashboard/settings: an admin changes the customer-time settings (CSRF-checked form). */
    public void saveSettings(Context ctx) {
        Optional<Principal> p = viewer(ctx);
        if (p.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        Csrf.require(ctx);
        if (p.get().role() != Role.ADMIN) {
            throw new io.javalin.http.ForbiddenResponse("Only admins change the org's settings");
        }
        var patch = json.createObjectNode();
        try {
            patch.put("minutesPerEmail", Integer.parseInt(String.valueOf(ctx.formParam("minutesPerEmail")).strip()));
            patch.put("workingHoursPerWeek", Double.parseDouble(String.valueOf(ctx.formParam("workingHoursPerWeek")).strip()));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("minutesPerEmail, workingHoursPerWeek: numbers required");
        }
        timeSettings.apply(p.get().orgId(), TimeSettings.parse(patch));
        audit.record(p.get().orgId(), Audit.Actor.admin(p.get()), "policy.changed", "org policy",
                Map.of("changed", json.convertValue(patch, Map.class), "via", "dashboard settings form"));
        String back = ctx.formParam("back");
        ctx.redirect(back != null && back.startsWith("/dashboard") && !back.startsWith("//") ? back : "/dashboard/team",
                HttpStatus.SEE_OTHER);
    }

    // ---- the same data as JSON, for API clients (bearer token) -----------------------------

    public void teamApi(Context ctx) {
        Scope scope = visibility.of(AccessControl.principal(ctx));
        ctx.json(dashboard.teamOverview(scope, uuid(ctx.queryParam("team"), "team"), range(ctx, "30")));
    }

    public void repApi(Context ctx) {
        Scope scope = visibility.of(AccessControl.principal(ctx));
        ctx.json(dashboard.rep(scope, uuid(ctx.pathParam("user"), "user"), range(ctx, "30")));
    }

    public void accountApi(Context ctx) {
        Scope scope = visibility.of(AccessControl.principal(ctx));
        ctx.json(dashboard.account(scope, ctx.pathParam("domain"), range(ctx, "90")));
    }

    public void coldApi(Context ctx) {
        Scope scope = visibility.of(AccessControl.principal(ctx));
        ctx.json(dashboard.cold(scope, range(ctx, "90"), number(Optional.ofNullable(ctx.queryParam("touches")).orElse("3"), "touches"),
                number(Optional.ofNullable(ctx.queryParam("quietDays")).orElse("30"), "quietDays")));
    }

    public void searchApi(Context ctx) {
        ctx.json(dashboard.search(visibility.of(AccessControl.principal(ctx)), ctx.queryParam("q")));
    }

    // ---- plumbing -------------------------------------------------------------------------

    /** Session check, parameters, and errors shown as a page (or CSV/JSON callers' status code). */
    private void page(Context ctx, String nav, String defaultRange, List<String> keep, Body body) {
        Optional<Principal> p = viewer(ctx);
        if (p.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String k : keep) {
            String v = ctx.queryParam(k);
            if (v != null && !v.isBlank()) {
                params.put(k, v);
            }
        }
        if (ctx.queryParam("format") != null) {
            params.put("format", ctx.queryParam("format"));
            params.put("table", String.valueOf(ctx.queryParam("table")));
        }
        try {
            DateRange range = range(ctx, defaultRange);
            body.handle(ctx, visibility.of(p.get()), range, params);
        } catch (ApiError e) {
            if (params.containsKey("format")) {
                throw e;
            }
            DateRange fallback = DateRange.parse(defaultRange, null, null, today(), defaultRange);
            ctx.status(e.status());
            ctx.render("error.jte", Map.of("frame", frame(ctx, "Not available", nav, fallback, params),
                    "message", e.getMessage()));
        }
    }

    private static final String VIEWER = "quietlog.dashboard.viewer";

    /** The signed-in manager or admin; looked up once per request (the page and its frame both ask). */
    @SuppressWarnings("unchecked")
    private Optional<Principal> viewer(Context ctx) {
        Optional<Principal> known = (Optional<Principal>) ctx.attribute(VIEWER);
        if (known == null) {
            known = access.sessionPrincipal(ctx).filter(x -> x.role() != Role.REP);
            ctx.attribute(VIEWER, known);
        }
        return known;
    }

    private PageFrame frame(Context ctx, String title, String nav, DateRange range, Map<String, String> params) {
        Principal p = viewer(ctx).orElseThrow();
        Map<String, String> kept = new LinkedHashMap<>(params);
        kept.remove("format");
        kept.remove("table");
        String who = p.name() == null || p.name().isBlank() ? p.email() : p.name();
        return new PageFrame(title, nav, who, p.role().wireName(), Csrf.token(ctx), range, ctx.path(), kept);
    }

    private DateRange range(Context ctx, String defaultPreset) {
        return DateRange.parse(ctx.queryParam("range"), ctx.queryParam("from"), ctx.queryParam("to"), today(), defaultPreset);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private interface CsvTable {
        Csv build();
    }

    /** Answers the CSV of one of the page's tables when asked (?format=csv&table=name). */
    private boolean csv(Context ctx, Map<String, String> params, Map<String, CsvTable> tables) {
        if (!"csv".equals(params.get("format"))) {
            if (params.containsKey("format")) {
                throw ApiError.badRequest("format: only csv");
            }
            return false;
        }
        CsvTable table = tables.get(params.get("table"));
        if (table == null) {
            throw ApiError.badRequest("table: one of " + String.join(", ", tables.keySet()));
        }
        String name = ctx.path().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + params.get("table") + ".csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.result(table.build().toString());
        // Exports take customer data out of Quietlog: who took what is in the audit log.
        viewer(ctx).ifPresent(p -> audit.record(p.orgId(), Audit.Actor.user(p), "export.downloaded", name,
                Map.of("page", ctx.path(), "table", params.get("table"))));
        return true;
    }

    private static Csv repsCsv(List<CustomerTime> reps, CustomerTime total) {
        Csv out = new Csv().row("Rep", "Address", "Emails out", "Emails in", "Accounts", "Customer meetings",
                "Meeting hours", "Email hours (estimate)", "Customer hours", "Working hours", "Customer-time share %");
        for (CustomerTime r : reps) {
            out.row(r.displayName(), r.email(), r.emailsOut(), r.emailsIn(), r.accounts(), r.meetings(), r.meetingHours(),
                    r.emailHours(), r.customerHours(), r.workingHours(), String.format(java.util.Locale.ROOT, "%.1f", r.sharePercent()));
        }
        return out;
    }

    private static Csv weeksCsv(List<WeekPoint> weeks) {
        Csv out = new Csv().row("Week of", "Emails out", "Emails in", "Customer meetings", "Meeting minutes",
                "Email minutes (estimate)", "Customer-time share %");
        weeks.forEach(w -> out.row(w.week(), w.emailsOut(), w.emailsIn(), w.meetings(), w.meetingMinutes(), w.emailMinutes(),
                String.format(java.util.Locale.ROOT, "%.1f", w.sharePercent())));
        return out;
    }

    private static Csv touchesCsv(List<Touch> touches) {
        Csv out = new Csv().row("When (UTC)", "What", "Subject", "With", "Reps", "Accounts");
        touches.forEach(t -> out.row(t.occurredAt(), t.what(), t.subjectText(), t.with(), t.reps(), t.accounts()));
        return out;
    }

    /** The weekly trend as the chart script reads it from a data attribute: numbers and dates only. */
    private String chart(List<WeekPoint> weeks) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("x", weeks.stream().map(w -> w.week().atStartOfDay().toEpochSecond(ZoneOffset.UTC)).toList());
        series.put("share", weeks.stream().map(w -> Math.round(w.sharePercent() * 10) / 10.0).toList());
        series.put("meetingHours", weeks.stream().map(w -> Math.round(w.meetingMinutes() / 6.0) / 10.0).toList());
        series.put("emailHours", weeks.stream().map(w -> Math.round(w.emailMinutes() / 6.0) / 10.0).toList());
        try {
            return json.writeValueAsString(series);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID uuid(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(field + ": no such " + field);
        }
    }

    private static int number(String raw, String field) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + ": must be a whole number");
        }
    }
}
