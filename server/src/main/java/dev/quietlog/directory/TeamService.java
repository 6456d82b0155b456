package dev.quietlog.directory;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Teams and their managers and reps, as the admin API and the command line change them. A team
 * pushed from the identity provider as a SCIM group ({@code scimManaged}) takes its reps from the
 * group's members: here only its managers can be changed, so the provider and Quietlog never
 * disagree about who is on it.
 */
public final class TeamService {
    private static final int MAX_NAME = 200;

    private final Jdbi jdbi;

    public TeamService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record Member(String email, String name) {
    }

    public record Team(UUID id, String name, List<Member> managers, List<Member> reps, boolean scimManaged) {
    }

    public enum MemberRole {
        MANAGER("manager", "managers"), REP("rep", "reps");

        final String wire;
        final String plural;

        MemberRole(String wire, String plural) {
            this.wire = wire;
            this.plural = plural;
        }

        public static MemberRole fromPath(String plural) {
            for (MemberRole r : values()) {
                if (r.plural.equals(plural)) {
                    return r;
                }
            }
            throw ApiError.notFound("no such list " + plural + ": use managers or reps");
        }
    }

    public Team create(UUID orgId, String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("name: required, at most " + MAX_NAME + " characters, no control characters");
        }
        return jdbi.inTransaction(h -> {
            boolean taken = h.createQuery("select exists (select 1 from teams where org_id = :org and lower(name) = lower(:name))")
                    .bind("org", orgId).bind("name", name).mapTo(Boolean.class).one();
            if (taken) {
                throw ApiError.conflict("name: a team named " + name + " already exists");
            }
            UUID id = h.createQuery("insert into teams (org_id, name) values (:org, :name) on conflict do nothing returning id")
                    .bind("org", orgId).bind("name", name).mapTo(UUID.class).findOne()
                    .orElseThrow(() -> ApiError.conflict("name: a team named " + name + " already exists"));
            return new Team(id, name, List.of(), List.of(), false);
        });
    }

    public List<Team> list(UUID orgId) {
        return jdbi.withHandle(h -> {
            Map<UUID, Team> teams = new LinkedHashMap<>();
            h.createQuery("select id, name, scim_managed from teams where org_id = :org order by lower(name)")
                    .bind("org", orgId)
                    .map((rs, ctx) -> new Team(rs.getObject(1, UUID.class), rs.getString(2), new ArrayList<>(), new ArrayList<>(),
                            rs.getBoolean(3)))
                    .forEach(t -> teams.put(t.id(), t));
            h.createQuery("""
                            select m.team_id, m.role, u.email, u.name from team_members m
                            join users u on u.org_id = m.org_id and u.id = m.user_id
                            where m.org_id = :org order by u.email""")
                    .bind("org", orgId)
                    .map((rs, ctx) -> {
                        Team t = teams.get(rs.getObject(1, UUID.class));
                        (rs.getString(2).equals("manager") ? t.managers() : t.reps()).add(new Member(rs.getString(3), rs.getString(4)));
                        return t;
                    })
                    .list();
            return new ArrayList<>(teams.values());
        });
    }

    public Team get(UUID orgId, String teamRef) {
        UUID id = jdbi.withHandle(h -> resolve(h, orgId, teamRef));
        return list(orgId).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** Adds a manager (a user with the manager or admin role) or a rep to a team; adding twice is a no-op. */
    public Team addMember(UUID orgId, String teamRef, MemberRole role, String rawEmail) {
        String email = requireEmail(rawEmail);
        UUID teamId = jdbi.inTransaction(h -> {
            UUID team = resolve(h, orgId, teamRef);
            refuseScimReps(h, orgId, team, role);
            User user = h.attach(DirectoryDao.class).findUserByEmail(orgId, email)
                    .orElseThrow(() -> ApiError.notFound("email: no user with email " + email));
            if (role == MemberRole.MANAGER && user.role() == Role.REP) {
                throw ApiError.badRequest("email: " + email + " has the rep role; a team's manager must be a manager or admin");
            }
            h.createUpdate("""
                            insert into team_members (org_id, team_id, user_id, role) values (:org, :team, :user, :role)
                            on conflict do nothing""")
                    .bind("org", orgId).bind("team", team).bind("user", user.id()).bind("role", role.wire).execute();
            return team;
        });
        return get(orgId, teamId.toString());
    }

    public Team removeMember(UUID orgId, String teamRef, MemberRole role, String rawEmail) {
        String email = requireEmail(rawEmail);
        UUID teamId = jdbi.inTransaction(h -> {
            UUID team = resolve(h, orgId, teamRef);
            refuseScimReps(h, orgId, team, role);
            int removed = h.createUpdate("""
                            delete from team_members m using users u
                            where m.org_id = :org and m.team_id = :team and m.role = :role
                              and u.org_id = m.org_id and u.id = m.user_id and u.email = :email""")
                    .bind("org", orgId).bind("team", team).bind("role", role.wire).bind("email", email).execute();
            if (removed == 0) {
                throw ApiError.notFound("email: " + email + " is not one of this team's " + role.plural);
            }
            return team;
        });
        return get(orgId, teamId.toString());
    }

    /** The reps of a SCIM-managed team are the identity provider's to change; its managers stay an admin's. */
    private static void refuseScimReps(Handle h, UUID orgId, UUID team, MemberRole role) {
        boolean scim = h.createQuery("select scim_managed from teams where org_id = :org and id = :id for update")
                .bind("org", orgId).bind("id", team).mapTo(Boolean.class).one();
        if (scim && role == MemberRole.REP) {
            throw ApiError.conflict("team: its reps come from your identity provider (a SCIM group); "
                    + "change the group's members there. Its managers can be changed here.");
        }
    }

    /** A team named by its id or, for people at a terminal, by its name (any case). */
    private static UUID resolve(Handle h, UUID orgId, String ref) {
        if (ref == null || ref.isBlank()) {
            throw ApiError.badRequest("team: required (its id or name)");
        }
        UUID byId = null;
        try {
            byId = UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            // a name
        }
        return h.createQuery("select id from teams where org_id = :org and (id = :id or lower(name) = lower(:name))")
                .bind("org", orgId).bind("id", byId).bind("name", ref.strip())
                .mapTo(UUID.class).findFirst()
                .orElseThrow(() -> ApiError.notFound("team: no team " + ref));
    }

    private static String requireEmail(String raw) {
        String email = EmailAddresses.normalise(raw);
        if (email == null) {
            throw ApiError.badRequest("email: not a valid email address");
        }
        return email;
    }
}
