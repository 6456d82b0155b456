package dev.quietlog.app;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quietlog.admin.TokensService;
import dev.quietlog.audit.Audit;
import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.KeyEncryption;
import dev.quietlog.auth.Role;
import dev.quietlog.auth.Sessions;
import dev.quietlog.auth.SigningKeys;
import dev.quietlog.auth.TokenService;
import dev.quietlog.capture.CaptureService;
import dev.quietlog.capture.ExcludedThreads;
import dev.quietlog.db.Database;
import dev.quietlog.directory.DirectoryService;
import dev.quietlog.directory.PolicyService;
import dev.quietlog.directory.TeamService;
import dev.quietlog.directory.TimeSettings;
import dev.quietlog.directory.UserAddresses;
import dev.quietlog.directory.Visibility;
import dev.quietlog.insights.ContactSummary;
import dev.quietlog.insights.Dashboard;
import dev.quietlog.insights.InteractionFeed;
import dev.quietlog.insights.TouchRollups;
import dev.quietlog.scim.ScimGroups;
import dev.quietlog.scim.ScimUsers;
import dev.quietlog.web.RequestOrigin;
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
        UserAddresses addresses,
        CaptureService capture,
        ExcludedThreads excludedThreads,
        RateLimiter captureRateLimiter,
        InteractionFeed feed,
        ContactSummary contacts,
        Sessions sessions,
        RateLimiter writeRateLimiter,
        RequestOrigin requestOrigin,
        TokensService adminTokens,
        ScimUsers scimUsers,
        ScimGroups scimGroups,
        Audit audit,
        Visibility visibility,
        TeamService teams,
        TimeSettings timeSettings,
        Dashboard dashboard,
        SignInSettingsService signInSettings,
        SignInService signIn) {

    public static Services build(Config config, Database database, Clock clock) {
        Jdbi jdbi = database.jdbi();
        jdbi.registerColumnMapper(Role.class, (rs, col, ctx) -> Role.fromWire(rs.getString(col)));
        // The one ObjectMapper. Duplicate keys are refused: with last-one-wins,
        // {"role":"rep","role":"admin"} reads as whatever a filter in front of us did not check.
        ObjectMapper json = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        KeyEncryption keyEncryption = KeyEncryption.load(config.keyEncryptionKey(), config.keyFile(), config.dataDir());
        SigningKeys keys = new SigningKeys(jdbi, clock, keyEncryption);
        keys.initialise();
        TokenService tokens = new TokenService(keys, config.issuer(), clock);
        PolicyService policies = new PolicyService(jdbi);
        Sessions sessions = new Sessions(jdbi, clock, config.sessionTtl());
        UserAddresses addresses = new UserAddresses(jdbi);
        DirectoryService directory = new DirectoryService(jdbi, tokens, config.repTokenTtl());
        Visibility visibility = new Visibility(jdbi);
        TimeSettings timeSettings = new TimeSettings(jdbi);
        OidcProviders oidcProviders = new OidcProviders(clock);
        SignInSettingsService signInSettings = new SignInSettingsService(jdbi, oidcProviders);
        Audit audit = new Audit(jdbi, json);
        RequestOrigin requestOrigin = new RequestOrigin(config.trustProxy());
        return new Services(config, database, clock, json, keys, tokens,
                new AccessControl(tokens, sessions, jdbi, requestOrigin::isCrossSite),
                directory,
                policies,
                addresses,
                new CaptureService(jdbi, json, policies, addresses, TouchRollups::refresh),
                new ExcludedThreads(jdbi),
                new RateLimiter(config.captureRequestsPerMinute(), clock),
                new InteractionFeed(jdbi, json),
                new ContactSummary(jdbi, json),
                sessions,
                new RateLimiter(config.writeRequestsPerMinute(), clock),
                requestOrigin,
                new TokensService(jdbi, directory, tokens),
                new ScimUsers(jdbi, addresses),
                new ScimGroups(jdbi, audit),
                audit,
                visibility,
                new TeamService(jdbi),
                timeSettings,
                new Dashboard(jdbi, visibility, timeSettings),
                signInSettings,
                new SignInService(jdbi, signInSettings, oidcProviders, policies, directory, audit, clock));
    }
}
