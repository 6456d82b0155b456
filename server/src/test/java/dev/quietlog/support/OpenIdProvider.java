package dev.quietlog.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider for tests (NAV's mock-oauth2-server): discovery document, JWKS,
 * authorization and token endpoints over HTTP on a free port. Each issuer id is its own
 * issuer, http://localhost:PORT/ISSUER_ID.
 */
public final class OpenIdProvider implements AutoCloseable {
    public static final String REDIRECT_URI = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MockOAuth2Server server = new MockOAuth2Server();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public OpenIdProvider() {
        server.start();
        // The provider's first answer loads much of its code (seconds on a busy machine); take
        // that here so the server under test meets a provider that answers like a real one.
        try {
            http.send(HttpRequest.newBuilder(server.wellKnownUrl("warm-up").uri()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the OpenID provider did not answer", e);
        }
    }

    public String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    public static String newNonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * An ID token got as the extension gets it: authorization request with PKCE (S256) and a
     * nonce, then the code exchanged at the token endpoint. The provider puts {@code claims}
     * (and the nonce) in the ID token.
     */
    public String codeFlowIdToken(String issuerId, String clientId, String subject, Map<String, Object> claims, String nonce)
            throws IOException, InterruptedException {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(clientId), claims, 3600));
        String verifier = newNonce() + newNonce();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", clientId);
        authorize.put("redirect_uri", REDIRECT_URI);
        authorize.put("scope", "openid email profile");
        authorize.put("state", newNonce());
        authorize.put("nonce", nonce);
        authorize.put("code_challenge", challenge);
        authorize.put("code_challenge_method", "S256");
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(
                URI.create(server.authorizationEndpointUrl(issuerId) + "?" + form(authorize))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no redirect from authorize: " + redirect.statusCode() + " " + redirect.body()));
        String code = query(URI.create(location)).get("code");
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", REDIRECT_URI);
        exchange.put("client_id", clientId);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(server.tokenEndpointUrl(issuerId).toString()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(exchange))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(tokens.body());
        if (!body.hasNonNull("id_token")) {
            throw new IllegalStateException("token endpoint answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return body.get("id_token").asText();
    }

    /** An ID token signed by the provider's own key, with exactly these audience, claims and lifetime. */
    public String idToken(String issuerId, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        return server.issueToken(issuerId, audience, new DefaultOAuth2TokenCallback(issuerId, subject, "JWT",
                List.of(audience), claims, expirySeconds)).serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
