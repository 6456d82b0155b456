package dev.quietlog.web;

import dev.quietlog.insights.DateRange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every dashboard page shows around its content: who is signed in, the navigation, the
 * date range form, the CSRF token for forms that post, and links that keep the page's
 * parameters (range, team, thresholds, query). The admin pages have no date range (null): they
 * show no range form and are not refreshed live.
 */
public record PageFrame(String title, String nav, String viewer, String role, String csrf, DateRange range,
                        String path, Map<String, String> params) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** A link to another page, keeping the date range. */
    public String link(String otherPath) {
        return range == null ? otherPath : otherPath + "?" + range.query();
    }

    /** Admins see the admin pages' links; managers get no link to pages they may not open. */
    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public String repLink(UUID userId) {
        return link("/dashboard/reps/" + userId);
    }

    public String accountLink(String domain) {
        return link("/dashboard/accounts/" + seg(domain));
    }

    /** This page with a different date range preset. */
    public String withRange(String preset) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("range", preset);
        p.remove("from");
        p.remove("to");
        return path + query(p);
    }

    /** This page's table as CSV, with the same parameters. */
    public String csv(String table) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putAll(rangeParams());
        p.put("format", "csv");
        p.put("table", table);
        return path + query(p);
    }

    public Map<String, String> rangeParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("range", range.preset());
        if (range.preset().equals("custom")) {
            p.put("from", range.from().toString());
            p.put("to", range.to().toString());
        }
        return p;
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    public static String when(Instant t) {
        return t == null ? "" : WHEN.format(t) + " UTC";
    }

    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> b.append(b.length() == 0 ? "?" : "&").append(seg(k)).append('=').append(seg(v)));
        return b.toString();
    }
}
