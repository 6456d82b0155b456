package dev.quietlog.signin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quietlog.app.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The org's single sign-on settings as IT sets them (the admin policy's {@code signIn}), and
 * which org an unauthenticated sign-in is for.
 */
public final class SignInSettingsService {
    private static final int MAX_ISSUER = 500;
    private static final int MAX_CLIENT_ID = 200;
    private static final int MAX_DISPLAY_NAME = 100;
    private static final Set<String> ENTRA_SHARED_TENANTS = Set.of("common", "organizations", "consumers");

    private final Jdbi jdbi;
    private final OidcProviders providers;

    public SignInSettingsService(Jdbi jdbi, OidcProviders providers) {
        this.jdbi = jdbi;
        this.providers = providers;
    }

    public Optional<SignInSettings> find(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select org_id, provider, oidc_issuer, oidc_client_id, display_name
                        from org_sign_in where org_id = :org""")
                .bind("org", orgId)
                .map((rs, ctx) -> new SignInSettings(rs.getObject(1, UUID.class),
                        IdentityProvider.fromWire(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)))
                .findOne());
    }

    /** The admin policy's {@code signIn} field: null removes single sign-on, an object sets it. */
    public sealed interface Change permits Clear, Replace {
    }

    public record Clear() implements Change {
    }

    public record Replace(IdentityProvider provider, String issuer, String clientId, String displayName) implements Change {
    }

    /**
     * Checks a {@code signIn} patch completely, including that the issuer answers with a
     * discovery document naming itself, so IT hears about a typo now rather than from reps.
     * Nothing is written.
     */
    public Change parse(UUID orgId, JsonNode signIn) {
        if (signIn == null || signIn.isNull()) {
            return new Clear();
        }
        Optional<SignInSettings> current = find(orgId);
        String orgName = jdbi.withHandle(h -> h.createQuery("select name from orgs where id = :org")
                .bind("org", orgId).mapTo(String.class).one());
        if (!signIn.isObject()) {
            throw ApiError.badRequest("signIn: must be an object {issuer, clientId, displayName, provider} or null");
        }
        String issuer = text(signIn, "issuer", current.map(SignInSettings::issuer).orElse(null));
        String clientId = text(signIn, "clientId", current.map(SignInSettings::clientId).orElse(null));
        String displayName = text(signIn, "displayName", current.map(SignInSettings::displayName).orElse(orgName));
        if (issuer == null || issuer.isBlank()) {
            throw ApiError.badRequest("signIn.issuer: required, e.g. https://acme.okta.com or https://login.microsoftonline.com/<tenant id>/v2.0");
        }
        URI issuerUri = issuerUri(issuer.strip());
        if (clientId == null || clientId.isBlank() || clientId.strip().length() > MAX_CLIENT_ID
                || clientId.strip().chars().anyMatch(c -> c <= ' ')) {
            throw ApiError.badRequest("signIn.clientId: required, the client id of the app registered at the provider, without spaces");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("signIn.displayName: 1 to " + MAX_DISPLAY_NAME + " characters, shown as \"Sign in with <displayName>\"");
        }
        IdentityProvider provider = provider(signIn, issuerUri, current, issuer.strip());
        if (provider == IdentityProvider.ENTRA) {
            List<String> segments = List.of(issuerUri.getPath().split("/"));
            if (segments.stream().anyMatch(s -> ENTRA_SHARED_TENANTS.contains(s.toLowerCase(Locale.ROOT)))) {
                throw ApiError.badRequest("signIn.issuer: use your tenant's own issuer, https://login.microsoftonline.com/<tenant id>/v2.0;"
                        + " the common, organizations and consumers endpoints would let any Microsoft account in");
            }
        }
        try {
            providers.get(issuer.strip());
        } catch (OidcProviders.DiscoveryFailed e) {
            throw ApiError.badRequest("signIn.issuer: " + e.getMessage());
        }
        return new Replace(provider, issuer.strip(), clientId.strip(), name);
    }

    public void apply(UUID orgId, Change change) {
        jdbi.useHandle(h -> {
            if (change instanceof Replace r) {
                h.createUpdate("""
                                insert into org_sign_in (org_id, provider, oidc_issuer, oidc_client_id, display_name)
                                values (:org, :provider, :issuer, :client, :name)
                                on conflict (org_id) do update set provider = excluded.provider,
                                    oidc_issuer = excluded.oidc_issuer, oidc_client_id = excluded.oidc_client_id,
                                    display_name = excluded.display_name, updated_at = now()""")
                        .bind("org", orgId).bind("provider", r.provider().wireName()).bind("issuer", r.issuer())
                        .bind("client", r.clientId()).bind("name", r.displayName())
                        .execute();
            } else {
                h.createUpdate("delete from org_sign_in where org_id = :org").bind("org", orgId).execute();
            }
        });
    }

    /**
     * Which org a sign-in is for. The extension names it when IT put {@code orgId} in its
     * managed settings; otherwise a server with exactly one org that has single sign-on set
     * up needs no name. A server holding several such orgs requires it.
     */
    public SignInSettings resolve(String orgParam) {
        if (orgParam != null && !orgParam.isBlank()) {
            UUID orgId;
            try {
                orgId = UUID.fromString(orgParam.strip());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("org: not an org id (a UUID, shown as signIn.orgId in the admin policy)");
            }
            return find(orgId).orElseThrow(() -> new ApiError(404, "sign_in_not_configured",
                    "org: no organisation with id " + orgId + " has single sign-on set up on this server"));
        }
        List<SignInSettings> all = jdbi.withHandle(h -> h.createQuery(
                        "select org_id from org_sign_in order by org_id limit 2")
                .mapTo(UUID.class).list()).stream().map(id -> find(id).orElseThrow()).toList();
        if (all.isEmpty()) {
            throw new ApiError(404, "sign_in_not_configured",
                    "Single sign-on is not set up on this server; ask IT for a token to paste instead");
        }
        if (all.size() > 1) {
            throw ApiError.badRequest("org: this server serves several organisations; IT must set orgId in the extension's managed settings");
        }
        return all.get(0);
    }

    private static IdentityProvider provider(JsonNode signIn, URI issuer, Optional<SignInSettings> current, String issuerText) {
        JsonNode p = signIn.get("provider");
        if (p == null || p.isNull()) {
            // Keep an explicitly chosen kind while the issuer stays; otherwise read it off the issuer.
            return current.filter(c -> c.issuer().equals(issuerText)).map(SignInSettings::provider)
                    .orElse(IdentityProvider.inferFrom(issuer));
        }
        try {
            return IdentityProvider.fromWire(p.isTextual() ? p.textValue().strip().toLowerCase(Locale.ROOT) : "");
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("signIn.provider: " + e.getMessage());
        }
    }

    private static URI issuerUri(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("signIn.issuer: not a URL");
        }
        if (issuer.length() > MAX_ISSUER || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiError.badRequest("signIn.issuer: must be the provider's issuer URL, without query or fragment");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        // Plain http only for a provider on this machine (development and tests).
        boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost());
        if (!https && !localHttp) {
            throw ApiError.badRequest("signIn.issuer: must start with https://");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest("signIn." + field + ": must be a string");
        }
        return v.textValue();
    }
}
