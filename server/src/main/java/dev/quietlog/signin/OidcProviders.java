package dev.quietlog.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID providers' discovery documents and signing keys, fetched on first use and kept.
 * A discovery document is read again after an hour (the old one stays in use if the provider
 * is unreachable then). Keys come from Nimbus's JWK source, which caches the provider's JWKS
 * and fetches it again, rate-limited, when a token names a kid it does not hold: that is how a
 * provider's key rotation reaches us without a restart.
 */
public final class OidcProviders {
    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);
    private static final Duration DISCOVERY_MAX_AGE = Duration.ofHours(1);
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final Clock clock;
    private final ResourceRetriever retriever =
            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_DOCUMENT_BYTES);
    private final ConcurrentHashMap<String, Provider> byIssuer = new ConcurrentHashMap<>();

    public OidcProviders(Clock clock) {
        this.clock = clock;
    }

    /** A provider as its discovery document describes it, with its key source. */
    public record Provider(OIDCProviderMetadata metadata, Set<JWSAlgorithm> idTokenAlgorithms,
                           JWKSource<SecurityContext> keys, Instant fetchedAt) {
        public URI authorizationEndpoint() {
            return metadata.getAuthorizationEndpointURI();
        }

        public URI tokenEndpoint() {
            return metadata.getTokenEndpointURI();
        }
    }

    /** Why a provider could not be used, in words for IT. */
    public static final class DiscoveryFailed extends Exception {
        DiscoveryFailed(String message) {
            super(message, null, false, false);
        }
    }

    public Provider get(String issuer) throws DiscoveryFailed {
        Provider known = byIssuer.get(issuer);
        if (known != null && Duration.between(known.fetchedAt(), clock.instant()).compareTo(DISCOVERY_MAX_AGE) < 0) {
            return known;
        }
        try {
            Provider fresh = discover(issuer, known);
            byIssuer.put(issuer, fresh);
            return fresh;
        } catch (DiscoveryFailed e) {
            if (known != null) {
                log.warn("Keeping the cached discovery document of {}: {}", issuer, e.getMessage());
                return known;
            }
            throw e;
        }
    }

    private Provider discover(String issuer, Provider previous) throws DiscoveryFailed {
        String location = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        OIDCProviderMetadata metadata;
        try {
            String document = retriever.retrieveResource(new URL(location)).getContent();
            metadata = OIDCProviderMetadata.parse(document);
        } catch (IOException e) {
            throw new DiscoveryFailed("could not read the provider's discovery document at " + location + ": " + e.getMessage());
        } catch (ParseException e) {
            throw new DiscoveryFailed("the provider's discovery document at " + location + " is not valid: " + e.getMessage());
        }
        String published = metadata.getIssuer().getValue();
        if (published.contains("{tenantid}")) {
            throw new DiscoveryFailed("this is Microsoft's multi-tenant endpoint (its issuer is the template " + published
                    + "); use your tenant's own issuer, https://login.microsoftonline.com/<tenant id>/v2.0");
        }
        // OpenID Connect Discovery 1.0, section 4.3: the document must name exactly the issuer it was fetched for.
        if (!published.equals(issuer)) {
            throw new DiscoveryFailed("the provider's discovery document names its issuer " + published
                    + ", not " + issuer + "; set the issuer exactly as the provider spells it");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new DiscoveryFailed("the provider's discovery document lacks an authorization, token or jwks endpoint");
        }
        JWKSource<SecurityContext> keys = previous != null
                && previous.metadata().getJWKSetURI().equals(metadata.getJWKSetURI())
                ? previous.keys() : keySource(metadata.getJWKSetURI());
        return new Provider(metadata, signatureAlgorithms(metadata), keys, clock.instant());
    }

    private JWKSource<SecurityContext> keySource(URI jwksUri) throws DiscoveryFailed {
        try {
            return JWKSourceBuilder.create(jwksUri.toURL(), retriever).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new DiscoveryFailed("the provider's jwks_uri " + jwksUri + " is not a URL");
        }
    }

    /**
     * The asymmetric algorithms the provider says it signs ID tokens with; RS256 when it says
     * nothing (the OpenID Connect default). "none" and the HMAC family are never accepted:
     * an HMAC key would be the client secret, which a public client such as the extension lacks.
     */
    static Set<JWSAlgorithm> signatureAlgorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            for (JWSAlgorithm alg : metadata.getIDTokenJWSAlgs()) {
                if (JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
                    out.add(alg);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(JWSAlgorithm.RS256);
        }
        return out;
    }
}
