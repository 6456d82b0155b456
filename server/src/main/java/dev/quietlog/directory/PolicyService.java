package dev.quietlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InternetDomainName;
import dev.quietlog.app.ApiError;
import dev.quietlog.capture.CapturePolicy;
import dev.quietlog.capture.ControlCharacters;
import dev.quietlog.capture.EventLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The org's capture policy (internal domains, never-log lists, free-mail switch, capture level)
 * and each rep's own never-log list, as admins and reps edit them and as capture applies them.
 */
public final class PolicyService {
    public static final Set<String> CAPTURE_LEVELS = Set.of("metadata", "subject", "subject_snippet");
    private static final int MAX_ENTRIES = 10_000;

    private final Jdbi jdbi;
    private final ConnectorApps connectorApps;

    public PolicyService(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.connectorApps = new ConnectorApps(jdbi);
    }

    /** The org's lists with the rep's own never-log entries added: what capture applies. */
    public CapturePolicy capturePolicy(UUID orgId, UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select o.internal_domains,
                               o.never_log_addresses || coalesce(array_agg(n.value) filter (where n.kind = 'address'), '{}'),
                               o.never_log_domains || coalesce(array_agg(n.value) filter (where n.kind = 'domain'), '{}'),
                               o.allow_free_mail, o.capture_level, o.allow_delegated_mailboxes
                        from orgs o
                        left join user_never_log n on n.org_id = o.id and n.user_id = :user
                        where o.id = :org
                        group by o.id""")
                .bind("org", orgId).bind("user", userId)
                .map((rs, ctx) -> new CapturePolicy(
                        List.of((String[]) rs.getArray(1).getArray()),
                        List.of((String[]) rs.getArray(2).getArray()),
                        List.of((String[]) rs.getArray(3).getArray()),
                        rs.getBoolean(4), rs.getString(5), rs.getBoolean(6)))
                .one());
    }

    public record NeverLog(List<String> addresses, List<String> domains) {
    }

    /** Token lifetimes in days; null: the server's default, and the built-in maximum. */
    public record TokenLifetime(Integer defaultDays, Integer maxDays) {
    }

    public record OrgPolicy(List<String> internalDomains, NeverLog neverLog, boolean allowFreeMail, String captureLevel,
                            boolean allowDelegatedMailboxes, TokenLifetime tokenLifetime, ConnectorApps.Connectors connectors) {
        static OrgPolicy of(Org org, ConnectorApps.Connectors connectors) {
            return new OrgPolicy(org.internalDomains(), new NeverLog(org.neverLogAddresses(), org.neverLogDomains()),
                    org.allowFreeMail(), org.captureLevel(), org.allowDelegatedMailboxes(),
                    new TokenLifetime(org.tokenDefaultTtlDays(), org.tokenMaxTtlDays()), connectors);
        }
    }

    public OrgPolicy orgPolicy(UUID orgId) {
        return OrgPolicy.of(jdbi.withExtension(DirectoryDao.class, dao -> dao.findOrg(orgId)).orElseThrow(),
                connectorApps.connectors(orgId));
    }

    /** The OAuth apps the extension's connectors sign in with (part of GET /api/v1/me's policy). */
    public ConnectorApps.Connectors connectors(UUID orgId) {
        return connectorApps.connectors(orgId);
    }

    /** Applies the fields present in the patch; every field is checked before anything is written. */
    public OrgPolicy updateOrgPolicy(UUID orgId, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object");
        }
        List<String> internal = patch.has("internalDomains") ? domains(patch.get("internalDomains"), "internalDomains") : null;
        if (internal != null && internal.isEmpty()) {
            throw ApiError.badRequest("internalDomains: at least one domain, or every email would count as external");
        }
        JsonNode neverLog = patch.get("neverLog");
        if (neverLog != null && !neverLog.isObject()) {
            throw ApiError.badRequest("neverLog: must be an object {addresses, domains}");
        }
        List<String> addresses = neverLog != null && neverLog.has("addresses")
                ? addresses(neverLog.get("addresses"), "neverLog.addresses") : null;
        List<String> domains = neverLog != null && neverLog.has("domains")
                ? domains(neverLog.get("domains"), "neverLog.domains") : null;
        Boolean allowFreeMail = bool(patch, "allowFreeMail");
        Boolean allowDelegated = bool(patch, "allowDelegatedMailboxes");
        String level = null;
        if (patch.has("captureLevel")) {
            JsonNode v = patch.get("captureLevel");
            if (!v.isTextual() || !CAPTURE_LEVELS.contains(v.textValue())) {
                throw ApiError.badRequest("captureLevel: must be one of metadata, subject, subject_snippet");
            }
            level = v.textValue();
        }
        ConnectorApps.Patch connectors = patch.has("connectors") ? ConnectorApps.parse(patch.get("connectors")) : null;
        TokenLifetime lifetime = patch.has("tokenLifetime") ? tokenLifetime(orgId, patch.get("tokenLifetime")) : null;
        Boolean freeMail = allowFreeMail;
        String captureLevel = level;
        // One transaction: a connectors field refused while applying leaves nothing half-written.
        jdbi.useTransaction(h -> {
            if (lifetime != null) {
                h.createUpdate("update orgs set token_default_ttl_days = :def, token_max_ttl_days = :max where id = :org")
                        .bind("org", orgId).bind("def", lifetime.defaultDays()).bind("max", lifetime.maxDays()).execute();
            }
            h.createUpdate("""
                        update orgs set internal_domains = coalesce(:internal, internal_domains),
                                        never_log_addresses = coalesce(:addresses, never_log_addresses),
                                        never_log_domains = coalesce(:domains, never_log_domains),
                                        allow_free_mail = coalesce(:freeMail, allow_free_mail),
                                        capture_level = coalesce(:level, capture_level),
                                        allow_delegated_mailboxes = coalesce(:delegated, allow_delegated_mailboxes)
                        where id = :org""")
                .bind("org", orgId)
                .bind("internal", internal == null ? null : internal.toArray(String[]::new))
                .bind("addresses", addresses == null ? null : addresses.toArray(String[]::new))
                .bind("domains", domains == null ? null : domains.toArray(String[]::new))
                .bind("freeMail", freeMail)
                .bind("level", captureLevel)
                .bind("delegated", allowDelegated)
                .execute();
            if (connectors != null) {
                ConnectorApps.apply(h, orgId, connectors);
            }
        });
        return orgPolicy(orgId);
    }

    private static Boolean bool(JsonNode patch, String field) {
        if (!patch.has(field)) {
            return null;
        }
        if (!patch.get(field).isBoolean()) {
            throw ApiError.badRequest(field + ": must be true or false");
        }
        return patch.get(field).booleanValue();
    }

    /** {defaultDays, maxDays}: a field left out keeps its value, null returns it to the server's default. */
    private TokenLifetime tokenLifetime(UUID orgId, JsonNode v) {
        if (!v.isObject()) {
            throw ApiError.badRequest("tokenLifetime: must be an object {defaultDays, maxDays}");
        }
        TokenLifetime now = orgPolicy(orgId).tokenLifetime();
        Integer def = v.has("defaultDays") ? days(v.get("defaultDays"), "tokenLifetime.defaultDays") : now.defaultDays();
        Integer max = v.has("maxDays") ? days(v.get("maxDays"), "tokenLifetime.maxDays") : now.maxDays();
        if (def != null && max != null && def > max) {
            throw ApiError.badRequest("tokenLifetime.defaultDays: must not exceed maxDays (" + max + ")");
        }
        return new TokenLifetime(def, max);
    }

    private static Integer days(JsonNode v, String field) {
        if (v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1 || v.intValue() > 3650) {
            throw ApiError.badRequest(field + ": must be a whole number of days from 1 to 3650, or null");
        }
        return v.intValue();
    }

    public NeverLog personalNeverLog(UUID orgId, UUID userId) {
        List<String> addresses = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        jdbi.useHandle(h -> h.createQuery(
                        "select kind, value from user_never_log where org_id = :org and user_id = :user order by value")
                .bind("org", orgId).bind("user", userId)
                .map((rs, ctx) -> (rs.getString(1).equals("address") ? addresses : domains).add(rs.getString(2)))
                .list());
        return new NeverLog(addresses, domains);
    }

    /** Replaces a rep's own never-log list with the one given. */
    public NeverLog replacePersonalNeverLog(UUID orgId, UUID userId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object {addresses, domains}");
        }
        List<String> addresses = body.has("addresses") ? addresses(body.get("addresses"), "addresses") : List.of();
        List<String> domains = body.has("domains") ? domains(body.get("domains"), "domains") : List.of();
        int cap = EventLimits.get().maxPersonalNeverLogEntries();
        if (addresses.size() + domains.size() > cap) {
            // Each entry is checked against every participant of every capture: the list stays short.
            throw ApiError.badRequest("addresses, domains: at most " + cap + " entries together, got "
                    + (addresses.size() + domains.size()));
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from user_never_log where org_id = :org and user_id = :user")
                    .bind("org", orgId).bind("user", userId).execute();
            var batch = h.prepareBatch("insert into user_never_log (org_id, user_id, kind, value) values (?, ?, ?, ?)");
            addresses.forEach(a -> batch.add(orgId, userId, "address", a));
            domains.forEach(d -> batch.add(orgId, userId, "domain", d));
            if (batch.size() > 0) {
                batch.execute();
            }
        });
        return personalNeverLog(orgId, userId);
    }

    private static List<String> addresses(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        for (String raw : strings(list, field)) {
            String email = EmailAddresses.normalise(raw);
            if (email == null) {
                throw ApiError.badRequest(field + ": '" + raw + "' is not a valid email address");
            }
            if (!out.contains(email)) {
                out.add(email);
            }
        }
        return out;
    }

    private static List<String> domains(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        for (String raw : strings(list, field)) {
            String d = raw.trim().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
            if (!InternetDomainName.isValid(d) || !d.contains(".")) {
                throw ApiError.badRequest(field + ": '" + raw + "' is not a valid domain");
            }
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode list, String field) {
        if (list == null || !list.isArray()) {
            throw ApiError.badRequest(field + ": must be a list of strings");
        }
        if (list.size() > MAX_ENTRIES) {
            throw ApiError.badRequest(field + ": at most " + MAX_ENTRIES + " entries");
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isTextual()) {
                throw ApiError.badRequest(field + ": must be a list of strings");
            }
            if (ControlCharacters.in(v.textValue(), false)) {
                throw ApiError.badRequest(field + "[" + i + "]: contains a control character");
            }
            out.add(v.textValue());
        }
        return out;
    }
}
