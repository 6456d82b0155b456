package dev.quietlog.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * `policy set` options for the OAuth apps of the extension's connectors. An empty value clears
 * an optional field (an endpoint goes back to the provider's own); `--remove-connector google`
 * (or microsoft) removes that connector.
 */
public final class ConnectorOptions {
    @Option(names = "--google-client-id", description = "Google OAuth client id (…apps.googleusercontent.com)")
    String googleClientId;

    @Option(names = "--google-client-secret", description = "Its client secret (Google asks for it at the token endpoint)")
    String googleClientSecret;

    @Option(names = "--google-authorization-endpoint", description = "Default https://accounts.google.com/o/oauth2/v2/auth")
    String googleAuthorizationEndpoint;

    @Option(names = "--google-token-endpoint", description = "Default https://oauth2.googleapis.com/token")
    String googleTokenEndpoint;

    @Option(names = "--microsoft-client-id", description = "Microsoft Entra application (client) id")
    String microsoftClientId;

    @Option(names = "--microsoft-tenant", description = "Directory (tenant) id, a verified domain, or 'organizations'")
    String microsoftTenant;

    @Option(names = "--microsoft-authorization-endpoint", description = "Default https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize")
    String microsoftAuthorizationEndpoint;

    @Option(names = "--microsoft-token-endpoint", description = "Default https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token")
    String microsoftTokenEndpoint;

    @Option(names = "--remove-connector", description = "google or microsoft: stop offering that connector")
    String remove;

    void addTo(Map<String, Object> patch) {
        Map<String, Object> connectors = new LinkedHashMap<>();
        Map<String, Object> google = new LinkedHashMap<>();
        put(google, "clientId", googleClientId);
        put(google, "clientSecret", googleClientSecret);
        put(google, "authorizationEndpoint", googleAuthorizationEndpoint);
        put(google, "tokenEndpoint", googleTokenEndpoint);
        Map<String, Object> microsoft = new LinkedHashMap<>();
        put(microsoft, "clientId", microsoftClientId);
        put(microsoft, "tenant", microsoftTenant);
        put(microsoft, "authorizationEndpoint", microsoftAuthorizationEndpoint);
        put(microsoft, "tokenEndpoint", microsoftTokenEndpoint);
        if (!google.isEmpty()) {
            connectors.put("google", google);
        }
        if (!microsoft.isEmpty()) {
            connectors.put("microsoft", microsoft);
        }
        if (remove != null) {
            // The server names an unknown provider in its answer.
            connectors.put(remove.trim(), null);
        }
        if (!connectors.isEmpty()) {
            patch.put("connectors", connectors);
        }
    }

    private static void put(Map<String, Object> app, String field, String value) {
        if (value != null) {
            app.put(field, value.isBlank() ? null : value);
        }
    }
}
