package dev.quietlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quietlog.audit.Audit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * SCIM Groups onto teams. A group is a team; its members are the team's reps. A team SCIM created,
 * or took over because an admin had already made a team of that name, is SCIM-managed: its reps
 * change only over SCIM, and SCIM sees only such teams. Managers are never SCIM's: adding or
 * removing members writes only rep rows, so a manager who is also a member keeps managing the team.
 * Every member must be a user of this org that SCIM can see; another org's user id is answered
 * like an id that does not exist. Every change is written to the audit log in the same
 * transaction, with the org's SCIM token as the actor.
 */
public final class ScimGroups {
    public static final int MAX_PAGE = 200;
    private static final int MAX_NAME = 200;
    private static final String COLUMNS = "t.id, t.name, t.external_id, t.created_at, t.updated_at";
    private static final String MANAGED = "t.org_id = :org and t.scim_managed";

    private final Jdbi jdbi;
    private final Audit audit;

    public ScimGroups(Jdbi jdbi, Audit audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    record Page(List<ScimGroup> groups, long total, int startIndex) {
    }

    Page list(UUID orgId, String filter, int startIndex, int count, boolean withMembers) {
        int start = Math.max(1, startIndex);
        int size = Math.max(0, Math.min(MAX_PAGE, count));
        StringBuilder where = new StringBuilder(MANAGED);
        ScimFilter f = filter == null || filter.isBlank() ? null : ScimFilter.parseGroup(filter);
        Object bound = null;
        if (f != null) {
            switch (f.attribute()) {
                case DISPLAY_NAME -> {
                    where.append(" and lower(t.name) = lower(:v)");
                    bound = f.value().strip();
                }
                case EXTERNAL_ID -> {
                    where.append(" and t.external_id = :v");
                    bound = f.value();
                }
                case ID -> {
                    where.append(" and t.id = :v");
                    bound = uuid(f.value()).orElse(new UUID(0, 0));
                }
                default -> throw new IllegalStateException();
            }
        }
        Object value = bound;
        return jdbi.withHandle(h -> {
            var counted = h.createQuery("select count(*) from teams t where " + where).bind("org", orgId);
            var rows = h.createQuery("select " + COLUMNS + " from teams t where " + where
                            + " order by t.created_at, t.id limit :limit offset :offset")
                    .bind("org", orgId).bind("limit", size).bind("offset", start - 1);
            if (value != null) {
                counted.bind("v", value);
                rows.bind("v", value);
            }
            long total = counted.mapTo(Long.class).one();
            List<ScimGroup> groups = rows.map((rs, ctx) -> row(rs)).list();
            if (withMembers) {
                for (ScimGroup g : groups) {
                    fillMembers(h, orgId, g);
                }
            }
            return new Page(groups, total, start);
        });
    }

    ScimGroup get(UUID orgId, String id) {
        return jdbi.withHandle(h -> find(h, orgId, id, false).orElseThrow(() -> notFound(id)));
    }

    /**
     * POST /Groups. A SCIM-managed team of that name is a conflict (Entra and Okta then look it up
     * by displayName). A team an admin made with that name is taken over: from now on its reps are
     * the group's members; its managers stay.
     */
    ScimGroup create(UUID orgId, UUID tokenId, JsonNode body) {
        ScimGroup draft = new ScimGroup();
        ScimGroupJson.replaceFrom(body, draft);
        String name = checkName(draft.displayName);
        return jdbi.inTransaction(h -> {
            lock(h, orgId);
            Map<UUID, String> reps = resolveMembers(h, orgId, draft.memberIds);
            Optional<Map<String, Object>> existing = h.createQuery(
                            "select id, scim_managed from teams where org_id = :org and lower(name) = lower(:name) for update")
                    .bind("org", orgId).bind("name", name).mapToMap().findOne();
            UUID id;
            boolean adopted = existing.isPresent();
            if (adopted) {
                if (Boolean.TRUE.equals(existing.get().get("scim_managed"))) {
                    throw ScimError.uniqueness("displayName: a group named " + name + " already exists");
                }
                id = (UUID) existing.get().get("id");
                h.createUpdate("update teams set name = :name, external_id = :externalId, scim_managed = true, "
                                + "updated_at = now() where org_id = :org and id = :id")
                        .bind("org", orgId).bind("id", id).bind("name", name).bind("externalId", draft.externalId).execute();
            } else {
                id = h.createQuery("insert into teams (org_id, name, external_id, scim_managed) "
                                + "values (:org, :name, :externalId, true) returning id")
                        .bind("org", orgId).bind("name", name).bind("externalId", draft.externalId)
                        .mapTo(UUID.class).one();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("groupId", id.toString());
            details.put("displayName", name);
            details.put("externalId", draft.externalId);
            details.put("tookOverExistingTeam", adopted);
            audit.record(h, orgId, Audit.Actor.scim(tokenId), "team.provisioned", target(name, id), details);
            setReps(h, orgId, tokenId, id, name, reps);
            return find(h, orgId, id.toString(), false).orElseThrow();
        });
    }

    ScimGroup replace(UUID orgId, UUID tokenId, String id, JsonNode body) {
        return update(orgId, tokenId, id, g -> ScimGroupJson.replaceFrom(body, g));
    }

    ScimGroup patch(UUID orgId, UUID tokenId, String id, JsonNode body) {
        return update(orgId, tokenId, id, g -> ScimGroupPatch.apply(body, g));
    }

    /** DELETE: the team goes (its managers' and reps' places in it with it); the users stay. */
    void delete(UUID orgId, UUID tokenId, String id) {
        jdbi.useTransaction(h -> {
            lock(h, orgId);
            ScimGroup g = find(h, orgId, id, true).orElseThrow(() -> notFound(id));
            List<String> managers = h.createQuery("select u.email from team_members m join users u "
                            + "on u.org_id = m.org_id and u.id = m.user_id where m.org_id = :org and m.team_id = :team "
                            + "and m.role = 'manager' order by u.email")
                    .bind("org", orgId).bind("team", g.id).mapTo(String.class).list();
            h.createUpdate("delete from teams where org_id = :org and id = :id").bind("org", orgId).bind("id", g.id).execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("groupId", g.id.toString());
            details.put("displayName", g.displayName);
            details.put("reps", g.members.stream().map(ScimGroup.Member::email).toList());
            details.put("managers", managers);
            audit.record(h, orgId, Audit.Actor.scim(tokenId), "team.deleted", target(g.displayName, g.id), details);
        });
    }

    private interface Edit {
        void apply(ScimGroup g);
    }

    private ScimGroup update(UUID orgId, UUID tokenId, String id, Edit edit) {
        return jdbi.inTransaction(h -> {
            lock(h, orgId);
            ScimGroup g = find(h, orgId, id, true).orElseThrow(() -> notFound(id));
            String oldName = g.displayName;
            String oldExternalId = g.externalId;
            edit.apply(g);
            String name = checkName(g.displayName);
            Map<UUID, String> reps = resolveMembers(h, orgId, g.memberIds);
            if (!name.equalsIgnoreCase(oldName)) {
                boolean taken = h.createQuery("select exists (select 1 from teams where org_id = :org and id <> :id "
                                + "and lower(name) = lower(:name))")
                        .bind("org", orgId).bind("id", g.id).bind("name", name).mapTo(Boolean.class).one();
                if (taken) {
                    throw ScimError.uniqueness("displayName: a team named " + name + " already exists");
                }
            }
            if (!name.equals(oldName) || !Objects.equals(g.externalId, oldExternalId)) {
                h.createUpdate("update teams set name = :name, external_id = :externalId, updated_at = now() "
                                + "where org_id = :org and id = :id")
                        .bind("org", orgId).bind("id", g.id).bind("name", name).bind("externalId", g.externalId).execute();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("groupId", g.id.toString());
                if (!name.equals(oldName)) {
                    details.put("displayName", fromTo(oldName, name));
                }
                if (!Objects.equals(g.externalId, oldExternalId)) {
                    details.put("externalId", fromTo(oldExternalId, g.externalId));
                }
                audit.record(h, orgId, Audit.Actor.scim(tokenId), "team.changed", target(name, g.id), details);
            }
            setReps(h, orgId, tokenId, g.id, name, reps);
            return find(h, orgId, g.id.toString(), false).orElseThrow();
        });
    }

    /**
     * Makes the team's reps exactly these users: inserts and deletes rep rows only (a manager row
     * is never touched) and records each change.
     */
    private void setReps(Handle h, UUID orgId, UUID tokenId, UUID teamId, String name, Map<UUID, String> wanted) {
        Map<UUID, String> current = new LinkedHashMap<>();
        h.createQuery("select u.id, u.email from team_members m join users u on u.org_id = m.org_id and u.id = m.user_id "
                        + "where m.org_id = :org and m.team_id = :team and m.role = 'rep' and u.scim_deleted_at is null")
                .bind("org", orgId).bind("team", teamId)
                .map((rs, ctx) -> current.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        List<UUID> added = wanted.keySet().stream().filter(u -> !current.containsKey(u)).toList();
        List<UUID> removed = current.keySet().stream().filter(u -> !wanted.containsKey(u)).toList();
        if (!added.isEmpty()) {
            h.createUpdate("insert into team_members (org_id, team_id, user_id, role) "
                            + "select :org, :team, u, 'rep' from unnest(cast(:users as uuid[])) as u on conflict do nothing")
                    .bind("org", orgId).bind("team", teamId).bindArray("users", UUID.class, added).execute();
        }
        if (!removed.isEmpty()) {
            h.createUpdate("delete from team_members where org_id = :org and team_id = :team and role = 'rep' "
                            + "and user_id = any(:users)")
                    .bind("org", orgId).bind("team", teamId).bindArray("users", UUID.class, removed).execute();
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            h.createUpdate("update teams set updated_at = now() where org_id = :org and id = :id")
                    .bind("org", orgId).bind("id", teamId).execute();
        }
        for (UUID u : added) {
            audit.record(h, orgId, Audit.Actor.scim(tokenId), "team.member.added", target(name, teamId),
                    Map.of("email", wanted.get(u), "userId", u.toString(), "as", "rep"));
        }
        for (UUID u : removed) {
            audit.record(h, orgId, Audit.Actor.scim(tokenId), "team.member.removed", target(name, teamId),
                    Map.of("email", current.get(u), "userId", u.toString(), "as", "rep"));
        }
    }

    /**
     * The users the member values name, in order, with their addresses. A value that is not the id
     * of a user of this org that SCIM can see (another org's user, a user SCIM deleted, not an id
     * at all) is refused, naming it, before anything is written.
     */
    private static Map<UUID, String> resolveMembers(Handle h, UUID orgId, Collection<String> values) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (String v : values) {
            ids.put(v, uuid(v).orElseThrow(() -> noSuchMember(v)));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> found = new LinkedHashMap<>();
        h.createQuery("select id, email from users where org_id = :org and scim_deleted_at is null and id = any(:ids)")
                .bind("org", orgId).bindArray("ids", UUID.class, new ArrayList<>(new LinkedHashSet<>(ids.values())))
                .map((rs, ctx) -> found.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
        Map<UUID, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, UUID> e : ids.entrySet()) {
            String email = found.get(e.getValue());
            if (email == null) {
                throw noSuchMember(e.getKey());
            }
            out.put(e.getValue(), email);
        }
        return out;
    }

    private static ScimError noSuchMember(String value) {
        return ScimError.invalidValue("members: no user with id " + value + " in this organisation");
    }

    private static String checkName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ScimError.invalidValue("displayName: required, at most " + MAX_NAME + " characters, no control characters");
        }
        return name;
    }

    /** Writes are serialised per org with SCIM's user writes, so a user cannot be deleted while being added. */
    private static void lock(Handle h, UUID orgId) {
        h.createQuery("select pg_advisory_xact_lock(hashtext('quietlog.scim.' || :org))")
                .bind("org", orgId.toString()).mapTo(String.class).one();
    }

    private static Optional<ScimGroup> find(Handle h, UUID orgId, String id, boolean forUpdate) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ScimGroup> found = h.createQuery("select " + COLUMNS + " from teams t where " + MANAGED + " and t.id = :id"
                        + (forUpdate ? " for update" : ""))
                .bind("org", orgId).bind("id", uuid.get()).map((rs, ctx) -> row(rs)).findOne();
        found.ifPresent(g -> fillMembers(h, orgId, g));
        return found;
    }

    /** The team's reps that SCIM can see (a user SCIM deleted keeps their row, out of SCIM's sight). */
    private static void fillMembers(Handle h, UUID orgId, ScimGroup g) {
        h.createQuery("select u.id, u.name, u.email from team_members m join users u on u.org_id = m.org_id and u.id = m.user_id "
                        + "where m.org_id = :org and m.team_id = :team and m.role = 'rep' and u.scim_deleted_at is null "
                        + "order by lower(u.email)")
                .bind("org", orgId).bind("team", g.id)
                .map((rs, ctx) -> new ScimGroup.Member(rs.getObject(1, UUID.class),
                        Optional.ofNullable(rs.getString(2)).filter(n -> !n.isBlank()).orElse(rs.getString(3)), rs.getString(3)))
                .forEach(m -> {
                    g.members.add(m);
                    g.memberIds.add(m.id().toString());
                });
    }

    private static ScimGroup row(ResultSet rs) throws SQLException {
        ScimGroup g = new ScimGroup();
        g.id = rs.getObject("id", UUID.class);
        g.displayName = rs.getString("name");
        g.externalId = rs.getString("external_id");
        g.created = rs.getTimestamp("created_at").toInstant();
        g.lastModified = rs.getTimestamp("updated_at").toInstant();
        return g;
    }

    private static Map<String, Object> fromTo(String from, String to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    private static String target(String name, UUID id) {
        return "team " + name + " (" + id + ")";
    }

    private static Optional<UUID> uuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw.strip()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static ScimError notFound(String id) {
        return ScimError.missing("Groups/" + id + ": no such group");
    }
}
