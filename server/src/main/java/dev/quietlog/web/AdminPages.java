package dev.quietlog.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quietlog.admin.TokenAudit;
import dev.quietlog.admin.TokensService;
import dev.quietlog.app.ApiError;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The admins' pages of the dashboard: tokens (list, revoke one, revoke all of a user after a
 * confirmation, issue from a list of addresses) and the audit log (filters, paging, CSV). HTTP in
 * and out only: every action goes through {@link TokensService} and is audited like the same
 * action through the API ({@link TokenAudit}). Managers get a 404 (the pages do not exist for
 * them) and no link; every form that changes something carries this session's CSRF token.
 */
public final class AdminPages {
    static final String TOKENS = "/dashboard/admin/tokens";
    static final String AUDIT = "/dashboard/admin/audit";
    static final int TOKENS_PER_PAGE = 50;
    static final int AUDIT_PER_PAGE = 50;
    /** The audit CSV holds at most this many entries, the newest that match. */
    static final int MAX_EXPORT = 20_000;
    /** Browsers refuse longer URLs; a larger batch is copied from the page or issued with the CLI. */
    static final int MAX_DATA_URL_CHARS = 2_000_000;
    public static final int MAX_UPLOAD_BYTES = 1_000_000;
    /** The whole issue form: the file or the pasted list, with room for the other fields. */
    public static final long MAX_FORM_BYTES = 2 * MAX_UPLOAD_BYTES;

    private final AccessControl access;
    private final TokensService tokens;
    private final TokenAudit tokenAudit;
    private final Audit audit;
    private final ObjectMapper json;
    private final Clock clock;

    public AdminPages(AccessControl access, TokensService tokens, Audit audit, ObjectMapper json, Clock clock) {
        this.access = access;
        this.tokens = tokens;
        this.tokenAudit = new TokenAudit(audit);
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    // ---- what the templates show --------------------------------------------------------

    public record TokensView(TokensService.Page page, String email, String kind, String status, String notice,
                             UUID ownTokenId, String back, String previous, String next) {
        public String revokeAllLink(String userEmail) {
            return TOKENS + "/revoke-all?email=" + PageFrame.seg(userEmail);
        }

        public int first() {
            return page.tokens().isEmpty() ? 0 : page.offset() + 1;
        }

        public int last() {
            return page.offset() + page.tokens().size();
        }
    }

    public record RevokeAllView(String email, List<TokensService.TokenInfo> live) {
        public String cancelLink() {
            return TOKENS + "?email=" + PageFrame.seg(email);
        }
    }

    public record IssueView(String addresses, String ttlDays, String error) {
    }

    public record IssuedView(List<TokensService.BulkLine> issued, List<TokensService.BulkLine> failed, String csvDataUrl,
                             String fileName) {
    }

    public record AuditRow(Audit.Entry entry, String when, String details) {
    }

    public record AuditView(List<AuditRow> rows, String actor, String action, String target, String from, String to,
                            boolean older, String newest, String next, String csv) {
    }

    // ---- tokens ---------------------------------------------------------------------------

    /** GET /dashboard/admin/tokens?email&kind&status&offset, with a notice after a revocation. */
    public void tokens(Context ctx) {
        page(ctx, "tokens", "Tokens", admin -> {
            String email = blank(ctx.queryParam("email"));
            String kind = blank(ctx.queryParam("kind"));
            String status = Optional.ofNullable(blank(ctx.queryParam("status"))).orElse("active");
            int offset = number(ctx.queryParam("offset"), "offset", 0);
            TokensService.Page page = tokens.list(admin.orgId(),
                    new TokensService.Filter(email, kind, status, TOKENS_PER_PAGE, offset));
            Map<String, String> kept = new LinkedHashMap<>();
            put(kept, "email", email);
            put(kept, "kind", kind);
            put(kept, "status", status);
            String previous = offset == 0 ? null : tokensLink(kept, Math.max(0, offset - TOKENS_PER_PAGE));
            String next = offset + page.tokens().size() < page.total() ? tokensLink(kept, offset + page.tokens().size()) : null;
            TokensView view = new TokensView(page, Optional.ofNullable(email).orElse(""), Optional.ofNullable(kind).orElse(""),
                    status, notice(ctx, admin), admin.tokenId(), tokensLink(kept, offset), previous, next);
            ctx.render("admin-tokens.jte", Map.of("frame", frame(ctx, admin, "Tokens", "tokens"), "view", view));
        });
    }

    /** POST /dashboard/admin/tokens/{id}/revoke: the token is refused from the next request on. */
    public void revoke(Context ctx) {
        post(ctx, admin -> {
            TokensService.TokenInfo t = tokens.revoke(admin.orgId(), ctx.pathParam("id"));
            tokenAudit.revoked(admin, t, "dashboard");
            ctx.redirect(back(ctx) + "&revoked=" + t.id(), HttpStatus.SEE_OTHER);
        });
    }

    /** GET /dashboard/admin/tokens/revoke-all?email: what would be revoked, and the button that does it. */
    public void confirmRevokeAll(Context ctx) {
        page(ctx, "tokens", "Revoke all tokens of a user", admin -> {
            String email = Optional.ofNullable(blank(ctx.queryParam("email")))
                    .orElseThrow(() -> ApiError.badRequest("email: whose tokens to revoke"));
            var live = tokens.list(admin.orgId(), new TokensService.Filter(email, "access", "active", 500, 0));
            ctx.render("admin-revoke-all.jte", Map.of("frame", frame(ctx, admin, "Revoke all tokens of a user", "tokens"),
                    "view", new RevokeAllView(email.toLowerCase(java.util.Locale.ROOT), live.tokens())));
        });
    }

    /** POST /dashboard/admin/tokens/revoke-all (email): every live token of the user, and so their sessions. */
    public void revokeAll(Context ctx) {
        post(ctx, admin -> {
            String email = Optional.ofNullable(blank(ctx.formParam("email")))
                    .orElseThrow(() -> ApiError.badRequest("email: whose tokens to revoke"));
            int n = tokens.revokeAll(admin.orgId(), email);
            tokenAudit.revokedAll(admin, email, n, "dashboard");
            ctx.redirect(TOKENS + "?email=" + PageFrame.seg(email.toLowerCase(java.util.Locale.ROOT)) + "&status=all&revokedAll=" + n,
                    HttpStatus.SEE_OTHER);
        });
    }

    /** GET /dashboard/admin/tokens/issue: the form to paste or upload addresses. */
    public void issueForm(Context ctx) {
        page(ctx, "tokens", "Issue tokens", admin -> ctx.render("admin-issue.jte", Map.of(
                "frame", frame(ctx, admin, "Issue tokens", "tokens"), "view", new IssueView("", "", null))));
    }

    /**
     * POST /dashboard/admin/tokens/issue: a token per address (pasted, or an uploaded CSV), shown
     * this once with a CSV of address,token to download; a bad line is named and the others are issued.
     */
    public void issue(Context ctx) {
        post(ctx, admin -> {
            String pasted = Optional.ofNullable(ctx.formParam("addresses")).orElse("");
            String ttl = Optional.ofNullable(ctx.formParam("ttlDays")).orElse("").strip();
            try {
                String fromFile = uploaded(ctx);
                if (!fromFile.isBlank() && !pasted.isBlank()) {
                    throw ApiError.badRequest("addresses, file: paste the addresses or choose a file, not both");
                }
                Integer ttlDays = ttl.isEmpty() ? null : number(ttl, "ttlDays", 0);
                List<TokensService.BulkLine> lines = tokens.issueFromCsv(admin.orgId(), fromFile.isBlank() ? pasted : fromFile,
                        ttlDays, admin.userId());
                tokenAudit.issuedFromCsv(admin, lines, "dashboard");
                List<TokensService.BulkLine> issued = lines.stream().filter(l -> l.token() != null).toList();
                List<TokensService.BulkLine> failed = lines.stream().filter(l -> l.error() != null).toList();
                Csv csv = new Csv().row("address", "token");
                issued.forEach(l -> csv.row(l.email(), l.token()));
                String url = "data:text/csv;charset=utf-8;base64,"
                        + Base64.getEncoder().encodeToString(csv.toString().getBytes(StandardCharsets.UTF_8));
                String name = "quietlog-tokens-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv";
                ctx.render("admin-issued.jte", Map.of("frame", frame(ctx, admin, "Tokens issued", "tokens"),
                        "view", new IssuedView(issued, failed, url.length() <= MAX_DATA_URL_CHARS ? url : null, name)));
            } catch (ApiError e) {
                ctx.status(e.status());
                ctx.render("admin-issue.jte", Map.of("frame", frame(ctx, admin, "Issue tokens", "tokens"),
                        "view", new IssueView(pasted, ttl, e.getMessage())));
            }
        });
    }

    // ---- audit log ------------------------------------------------------------------------

    /** GET /dashboard/admin/audit?actor&action&target&from&to&before[&format=csv]. */
    public void audit(Context ctx) {
        page(ctx, "audit", "Audit log", admin -> {
            String actor = blank(ctx.queryParam("actor"));
            String action = blank(ctx.queryParam("action"));
            String target = blank(ctx.queryParam("target"));
            String from = blank(ctx.queryParam("from"));
            String to = blank(ctx.queryParam("to"));
            Instant since = from == null ? null : day(from, "from").atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant until = to == null ? null : day(to, "to").plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<String, String> kept = new LinkedHashMap<>();
            put(kept, "actor", actor);
            put(kept, "action", action);
            put(kept, "target", target);
            put(kept, "from", from);
            put(kept, "to", to);
            String format = ctx.queryParam("format");
            if (format != null) {
                if (!format.equals("csv")) {
                    throw ApiError.badRequest("format: only csv");
                }
                auditCsv(ctx, admin, new Audit.Query(since, until, action, actor, target, null, Audit.MAX_PAGE), kept);
                return;
            }
            String rawBefore = blank(ctx.queryParam("before"));
            Long before = rawBefore == null ? null : longNumber(rawBefore, "before");
            Audit.Page page = audit.list(admin.orgId(), new Audit.Query(since, until, action, actor, target, before, AUDIT_PER_PAGE));
            List<AuditRow> rows = page.entries().stream()
                    .map(e -> new AuditRow(e, PageFrame.when(e.at()), details(e.details()))).toList();
            Map<String, String> older = new LinkedHashMap<>(kept);
            if (page.next() != null) {
                older.put("before", page.next().toString());
            }
            Map<String, String> csv = new LinkedHashMap<>(kept);
            csv.put("format", "csv");
            AuditView view = new AuditView(rows, orEmpty(actor), orEmpty(action), orEmpty(target), orEmpty(from), orEmpty(to),
                    before != null, AUDIT + query(kept), page.next() == null ? null : AUDIT + query(older), AUDIT + query(csv));
            ctx.render("admin-audit.jte", Map.of("frame", frame(ctx, admin, "Audit log", "audit"), "view", view));
        });
    }

    private void auditCsv(Context ctx, Principal admin, Audit.Query q, Map<String, String> filters) {
        Csv out = new Csv().row("At (UTC)", "Actor", "Actor kind", "Action", "Target", "Details");
        Long before = null;
        int rows = 0;
        do {
            Audit.Page page = audit.list(admin.orgId(), new Audit.Query(q.since(), q.until(), q.action(), q.actor(), q.target(),
                    before, Math.min(Audit.MAX_PAGE, MAX_EXPORT - rows)));
            for (Audit.Entry e : page.entries()) {
                out.row(e.at(), e.actor().label(), e.actor().kind(), e.action(), e.target(), details(e.details()));
            }
            rows += page.entries().size();
            before = page.next();
        } while (before != null && rows < MAX_EXPORT);
        String name = "quietlog-audit-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.result(out.toString());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("page", AUDIT);
        details.put("filters", filters);
        details.put("rows", rows);
        audit.record(admin.orgId(), Audit.Actor.admin(admin), "export.downloaded", name, details);
    }

    // ---- plumbing -------------------------------------------------------------------------

    private interface Body {
        void handle(Principal admin);
    }

    /** A page for admins: no session sends you to sign in; a manager gets a 404; bad input a page naming the field. */
    private void page(Context ctx, String nav, String title, Body body) {
        Optional<Principal> p = access.sessionPrincipal(ctx).filter(x -> x.role() != Role.REP);
        if (p.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        try {
            if (p.get().role() != Role.ADMIN) {
                throw ApiError.notFound("This page is for admins");
            }
            body.handle(p.get());
        } catch (ApiError e) {
            if ("csv".equals(ctx.queryParam("format"))) {
                throw e;
            }
            ctx.status(e.status());
            ctx.render("error.jte", Map.of("frame", frame(ctx, p.get(), "Not available", nav), "message", e.getMessage()));
        }
    }

    /** A form post from an admin's page: signed in, this session's CSRF token, admin role, in that order. */
    private void post(Context ctx, Body body) {
        Optional<Principal> p = access.sessionPrincipal(ctx).filter(x -> x.role() != Role.REP);
        if (p.isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        readForm(ctx);
        Csrf.require(ctx);
        if (p.get().role() != Role.ADMIN) {
            throw new ForbiddenResponse("Only admins manage tokens");
        }
        try {
            body.handle(p.get());
        } catch (ApiError e) {
            ctx.status(e.status());
            ctx.render("error.jte", Map.of("frame", frame(ctx, p.get(), "Not done", "tokens"), "message", e.getMessage()));
        }
    }

    /** Parses the form once, so that one too large or malformed is a clear refusal rather than a 500. */
    private static void readForm(Context ctx) {
        String tooLarge = "file: at most " + MAX_UPLOAD_BYTES / 1000 + " kB; split the list";
        if (ctx.contentLength() > MAX_FORM_BYTES) {
            throw new ApiError(413, "too_large", tooLarge);
        }
        try {
            ctx.formParamMap();
        } catch (Exception e) { // Jetty's ServletException comes through Kotlin unchecked
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains("size exceeded")) {
                    throw new ApiError(413, "too_large", tooLarge);
                }
            }
            throw ApiError.badRequest("body: not a form this page sent; reload the page and try again");
        }
    }

    private static PageFrame frame(Context ctx, Principal p, String title, String nav) {
        String who = p.name() == null || p.name().isBlank() ? p.email() : p.name();
        return new PageFrame(title, nav, who, p.role().wireName(), Csrf.token(ctx), null, ctx.path(), Map.of());
    }

    /** What just happened, read back from the database rather than taken from the link. */
    private String notice(Context ctx, Principal admin) {
        String revoked = blank(ctx.queryParam("revoked"));
        if (revoked != null) {
            try {
                return tokens.find(admin.orgId(), UUID.fromString(revoked))
                        .filter(t -> t.revokedAt() != null)
                        .map(t -> "Revoked the token " + t.id() + (t.userEmail() != null ? " of " + t.userEmail() : " (SCIM)")
                                + ": it is refused from now on.")
                        .orElse(null);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String email = blank(ctx.queryParam("email"));
        if (ctx.queryParam("revokedAll") != null && email != null) {
            long live = tokens.list(admin.orgId(), new TokensService.Filter(email, "access", "active", 1, 0)).total();
            return live == 0 ? "Every token of " + email + " is revoked; their dashboard sessions have ended." : null;
        }
        return null;
    }

    /** Where a revoke form goes back to: the list as it was filtered (a path of ours, nothing else). */
    private static String back(Context ctx) {
        String back = ctx.formParam("back");
        if (back == null || !back.startsWith(TOKENS + "?") || back.contains("\r") || back.contains("\n")) {
            return TOKENS + "?status=active";
        }
        return back.replaceAll("&(revoked|revokedAll)=[^&]*", "");
    }

    private String uploaded(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            return "";
        }
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            return "";
        }
        if (file.size() > MAX_UPLOAD_BYTES) {
            throw ApiError.badRequest("file: at most " + MAX_UPLOAD_BYTES / 1000 + " kB; split the list");
        }
        try (InputStream in = file.content()) {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString().replaceFirst("^\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("file: not UTF-8 text; save the CSV as UTF-8");
        } catch (IOException e) {
            throw ApiError.badRequest("file: could not be read");
        }
    }

    private String details(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        details.forEach((k, v) -> {
            String text;
            try {
                text = v instanceof String s ? s : json.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                text = String.valueOf(v);
            }
            parts.add(k + ": " + text);
        });
        return String.join("; ", parts);
    }

    private static String tokensLink(Map<String, String> kept, int offset) {
        Map<String, String> p = new LinkedHashMap<>(kept);
        if (offset > 0) {
            p.put("offset", Integer.toString(offset));
        }
        return TOKENS + query(p);
    }

    private static String query(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.length() == 0 ? "?" : "&").append(PageFrame.seg(k)).append('=').append(PageFrame.seg(v)));
        return b.toString();
    }

    private static LocalDate day(String raw, String field) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field + ": a day like 2026-11-30");
        }
    }

    private static int number(String raw, String field, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n < 0) {
                throw ApiError.badRequest(field + ": must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + ": must be a whole number");
        }
    }

    private static long longNumber(String raw, String field) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(field + ": must be a whole number");
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
