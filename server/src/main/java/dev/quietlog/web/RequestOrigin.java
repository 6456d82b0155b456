package dev.quietlog.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Where a request came from, as far as the server can trust it: the scheme (https directly, or
 * X-Forwarded-Proto from a proxy the operator vouches for with QUIETLOG_TRUST_PROXY), the client
 * address (never X-Forwarded-For unless trusted: Javalin's own ctx.ip() believes any client), and
 * whether a browser sent it from another site.
 */
public final class RequestOrigin {
    private final boolean trustProxy;

    public RequestOrigin(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    public boolean isHttps(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return trustProxy && "https".equalsIgnoreCase(lastValue(ctx.header("X-Forwarded-Proto")));
    }

    /** The address the connection came from, or the one our own proxy saw (the last hop it added). */
    public String clientIp(Context ctx) {
        String forwarded = trustProxy ? lastValue(ctx.header("X-Forwarded-For")) : null;
        return forwarded != null && !forwarded.isEmpty() ? forwarded : ctx.req().getRemoteAddr();
    }

    /** The host the browser addressed, without the port. */
    public String host(Context ctx) {
        String host = trustProxy && ctx.header("X-Forwarded-Host") != null
                ? lastValue(ctx.header("X-Forwarded-Host")) : ctx.header("Host");
        return host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Browsers accept a Secure cookie from http://localhost (it is a secure context), so a
     * __Host- cookie works there without TLS; anywhere else it needs https.
     */
    public boolean isLoopback(Context ctx) {
        String host = stripPort(host(ctx));
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /**
     * True when a browser says the request came from another site: Sec-Fetch-Site other than
     * same-origin or none, or an Origin that is not this server's. Requests without either header
     * (command-line clients) are not a browser being steered by another site.
     */
    public boolean isCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return true; // "null" (sandboxed frames, file: pages) and anything unparsable
            }
            String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            boolean sameScheme = uri.getScheme().equalsIgnoreCase(isHttps(ctx) ? "https" : "http");
            return !sameScheme || !sameAuthority(authority, host(ctx), isHttps(ctx));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean sameAuthority(String origin, String host, boolean https) {
        String defaultPort = https ? ":443" : ":80";
        return normalise(origin, defaultPort).equals(normalise(host, defaultPort));
    }

    private static String normalise(String authority, String defaultPort) {
        return authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length()) : authority;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The value the nearest proxy added: the last of a comma-separated list. */
    private static String lastValue(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.split(",");
        return parts[parts.length - 1].trim();
    }
}
