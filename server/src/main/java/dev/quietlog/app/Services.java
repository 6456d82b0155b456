package dev.quietlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.SigningKeys;
import dev.quietlog.auth.TokenService;
import dev.quietlog.capture.CaptureService;
import dev.quietlog.db.Database;
import dev.quietlog.directory.DirectoryService;
import dev.quietlog.directory.PolicyService;
import dev.quietlog.insights.ContactSummary;
import dev.quietlog.insights.InteractionFeed;
import dev.quietlog.signin.OidcProviders;
import dev.quietlog.signin.SignInService;
import dev.quietlog.signin.SignInSettingsService;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The app's long-lived parts, wired once from the config, the database and a clock. */
public record Services(
        Config config,
        Database database,
        Clock clock,
        ObjectMapper json,
        SigningKeys signingKeys,
        TokenService tokens,
        AccessControl access,
        DirectoryService directory,
        PolicyService policies,
        CaptureService capture,
        RateLimiter captureRateLimiter,
        InteractionFeed feed,
        ContactSummary contacts,
        SignInSettingsService signInSettings,
        SignInService signIn) {

    public static Services build(Config config, Database database, Clock clock) {
        Jdbi jdbi = database.jdbi();
        jdbi.registerColumnMapper(Role.class, (rs, col, ctx) -> Role.fromWire(rs.getString(col)));
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SigningKeys keys = new SigningKeys(jdbi, clock);
        keys.initialise();
        TokenService tokens = new TokenService(keys, config.issuer(), clock);
        PolicyService policies = new PolicyService(jdbi);
        DirectoryService directory = new DirectoryService(jdbi, tokens, config.repTokenTtl());
        OidcProviders oidcProviders = new OidcProviders(clock);
        SignInSettingsService signInSettings = new SignInSettingsService(jdbi, oidcProviders);
        return new Services(config, database, clock, json, keys, tokens,
                new AccessControl(tokens, jdbi),
                directory,
                policies,
                new CaptureService(jdbi, json, policies),
                new RateLimiter(config.captureRequestsPerMinute(), clock),
                new InteractionFeed(jdbi, json),
                new ContactSummary(jdbi, json),
                signInSettings,
                new SignInService(jdbi, signInSettings, oidcProviders, policies, directory, config.repTokenTtl(), clock));
    }
}
