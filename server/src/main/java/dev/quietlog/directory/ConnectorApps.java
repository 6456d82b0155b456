package dev.quietlog.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InternetDomainName;
import dev.quietlog.app.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The org's OAuth apps for the extension's connectors (policy field {@code connectors}): one
 * Google app for Google Calendar, one Microsoft Entra app for Outlook mail and calendar. The
 * extension signs each rep in with them in the browser; the server only hands out the
 * identifiers, so every field is a public one.
 */
public final class ConnectorApps {
    static final String GOOGLE_AUTHORIZATION = "https://accounts.google.com/o/oauth2/v2/auth";
    static final String GOOGLE_TOKEN = "https://oauth2.googleapis.com/token";
    private static final String MICROSOFT_LOGIN = "https://login.microsoftonline.com/";

    // 123-abc.apps.googleusercontent.com, as the Google Cloud console issues them.
    private static final Pattern GOOGLE_CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}\\.apps\\.googleusercontent\\.com");
    // GOCSPX-... today; older secrets are plain base64url.
    private static final Pattern GOOGLE_CLIENT_SECRET = Pattern.compile("[A-Za-z0-9_-]{8,200}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // "organizations" lets any work account sign in; "common" adds personal Microsoft accounts.
    private static final Set<String> TENANT_ALIASES = Set.of("organizations", "common");
    private static final Set<String> GOOGLE_FIELDS = Set.of("clientId", "clientSecret", "authorizationEndpoint", "tokenEndpoint");
    private static final Set<String> MICROSOFT_FIELDS = Set.of("clientId", "tenant", "authorizationEndpoint", "tokenEndpoint");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final int MAX_URL = 2000;

    /** One provider's app as the extension uses it: the endpoints are always filled in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record App(String clientId, String clientSecret, String tenant, String authorizationEndpoint, String tokenEndpoint) {
    }

    /** The policy field: a provider IT has not set up is null, and the extension offers no connector for it. */
    public record Connectors(App google, App microsoft) {
    }

    /** A validated change: per provider, absent (keep), {@code remove} or the fields to set (null clears). */
    public record Patch(Map<String, Map<String, String>> set, Set<String> remove) {
    }

    private final Jdbi jdbi;

    public ConnectorApps(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Connectors connectors(UUID orgId) {
        return jdbi.withHandle(h -> read(h, orgId));
    }

    private static Connectors read(Handle h, UUID orgId) {
        Map<String, App> apps = new LinkedHashMap<>();
        h.createQuery("""
                        select provider, client_id, client_secret, tenant, authorization_endpoint, token_endpoint
                        from org_connector_apps where org_id = :org""")
                .bind("org", orgId)
                .map((rs, ctx) -> apps.put(rs.getString(1), withDefaults(rs.getString(1), new App(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))))
                .list();
        return new Connectors(apps.get("google"), apps.get("microsoft"));
    }

    private static App withDefaults(String provider, App app) {
        if (provider.equals("google")) {
            return new App(app.clientId(), app.clientSecret(), null,
                    orDefault(app.authorizationEndpoint(), GOOGLE_AUTHORIZATION), orDefault(app.tokenEndpoint(), GOOGLE_TOKEN));
        }
        String base = MICROSOFT_LOGIN + app.tenant() + "/oauth2/v2.0/";
        return new App(app.clientId(), null, app.tenant(),
                orDefault(app.authorizationEndpoint(), base + "authorize"), orDefault(app.tokenEndpoint(), base + "token"));
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /**
     * Checks {@code connectors} of a policy PATCH: {@code {google: {...} | null, microsoft: {...} | null}}.
     * A provider set to null is removed; an object changes the fields it names (null clears an
     * optional one). Throws naming the first bad field; nothing is written here.
     */
    public static Patch parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("connectors: must be an object {google, microsoft}");
        }
        Map<String, Map<String, String>> set = new LinkedHashMap<>();
        Set<String> remove = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String provider = entry.getKey();
            Set<String> allowed = switch (provider) {
                case "google" -> GOOGLE_FIELDS;
                case "microsoft" -> MICROSOFT_FIELDS;
                default -> throw ApiError.badRequest("connectors." + provider + ": unknown provider (google or microsoft)");
            };
            JsonNode app = entry.getValue();
            if (app.isNull()) {
                remove.add(provider);
                continue;
            }
            if (!app.isObject()) {
                throw ApiError.badRequest("connectors." + provider + ": must be an object or null");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = app.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                String path = "connectors." + provider + "." + field.getKey();
                if (!allowed.contains(field.getKey())) {
                    throw ApiError.badRequest(path + ": unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    fields.put(field.getKey(), null);
                    continue;
                }
                if (!value.isTextual()) {
                    throw ApiError.badRequest(path + ": must be a string or null");
                }
                fields.put(field.getKey(), validate(provider, field.getKey(), value.textValue().trim(), path));
            }
            set.put(provider, fields);
        }
        return new Patch(set, remove);
    }

    private static String validate(String provider, String field, String value, String path) {
        return switch (field) {
            case "clientId" -> {
                boolean ok = provider.equals("google") ? GOOGLE_CLIENT_ID.matcher(value).matches() : GUID.matcher(value).matches();
                if (!ok) {
                    throw ApiError.badRequest(path + ": '" + value + "' is not a "
                            + (provider.equals("google") ? "Google OAuth client id (…apps.googleusercontent.com)" : "Microsoft application (client) id (a GUID)"));
                }
                yield provider.equals("google") ? value : value.toLowerCase(Locale.ROOT);
            }
            case "clientSecret" -> {
                if (!GOOGLE_CLIENT_SECRET.matcher(value).matches()) {
                    throw ApiError.badRequest(path + ": not a Google client secret (8 to 200 letters, digits, '-' or '_')");
                }
                yield value;
            }
            case "tenant" -> tenant(value, path);
            default -> endpoint(value, path);
        };
    }

    private static String tenant(String value, String path) {
        String v = value.toLowerCase(Locale.ROOT);
        if (GUID.matcher(v).matches() || TENANT_ALIASES.contains(v)
                || (v.contains(".") && v.length() <= 253 && InternetDomainName.isValid(v))) {
            return v;
        }
        throw ApiError.badRequest(path + ": '" + value + "' is not a tenant (directory id GUID, a verified domain, 'organizations' or 'common')");
    }

    /** https only; http is allowed on the loopback address, where a test or a local proxy answers. */
    static String endpoint(String value, String path) {
        if (value.length() > MAX_URL) {
            throw ApiError.badRequest(path + ": at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ApiError.badRequest(path + ": not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiError.badRequest(path + ": must be an absolute URL with a host, no user name and no #fragment");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(host))) {
            throw ApiError.badRequest(path + ": must start with https:// (http:// only on 127.0.0.1 or localhost)");
        }
        return uri.toString();
    }

    /** Applies a parsed patch inside the caller's transaction. */
    public static void apply(Handle h, UUID orgId, Patch patch) {
        for (String provider : patch.remove()) {
            h.createUpdate("delete from org_connector_apps where org_id = :org and provider = :provider")
                    .bind("org", orgId).bind("provider", provider).execute();
        }
        for (Map.Entry<String, Map<String, String>> entry : patch.set().entrySet()) {
            applyOne(h, orgId, entry.getKey(), entry.getValue());
        }
    }

    private static void applyOne(Handle h, UUID orgId, String provider, Map<String, String> fields) {
        Map<String, String> row = h.createQuery("""
                        select client_id, client_secret, tenant, authorization_endpoint, token_endpoint
                        from org_connector_apps where org_id = :org and provider = :provider for update""")
                .bind("org", orgId).bind("provider", provider)
                .map((rs, ctx) -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("clientId", rs.getString(1));
                    m.put("clientSecret", rs.getString(2));
                    m.put("tenant", rs.getString(3));
                    m.put("authorizationEndpoint", rs.getString(4));
                    m.put("tokenEndpoint", rs.getString(5));
                    return m;
                })
                .findOne().orElseGet(LinkedHashMap::new);
        row.putAll(fields);
        for (String column : List.of("clientId", "clientSecret", "tenant", "authorizationEndpoint", "tokenEndpoint")) {
            row.putIfAbsent(column, null); // a new app: every column bound, unset ones null
        }
        String path = "connectors." + provider;
        if (row.get("clientId") == null) {
            throw ApiError.badRequest(path + ".clientId: required to set up the " + provider + " connector");
        }
        if (provider.equals("microsoft") && row.get("tenant") == null) {
            throw ApiError.badRequest(path + ".tenant: required (directory id, verified domain or 'organizations')");
        }
        if (provider.equals("google") && row.get("clientSecret") == null) {
            throw ApiError.badRequest(path + ".clientSecret: required; Google's token endpoint asks for it even with PKCE");
        }
        h.createUpdate("""
                        insert into org_connector_apps (org_id, provider, client_id, client_secret, tenant,
                                                        authorization_endpoint, token_endpoint, updated_at)
                        values (:org, :provider, :clientId, :clientSecret, :tenant, :authorizationEndpoint, :tokenEndpoint, now())
                        on conflict (org_id, provider) do update set
                            client_id = excluded.client_id, client_secret = excluded.client_secret, tenant = excluded.tenant,
                            authorization_endpoint = excluded.authorization_endpoint,
                            token_endpoint = excluded.token_endpoint, updated_at = now()""")
                .bind("org", orgId).bind("provider", provider)
                .bindMap(row)
                .execute();
    }
}
