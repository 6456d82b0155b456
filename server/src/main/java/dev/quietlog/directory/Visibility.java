package dev.quietlog.directory;

import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that decides who may see whom. An admin sees the whole org; a manager sees the
 * reps of the teams they manage, and themselves; a rep sees only themselves. Every page, export
 * and API that shows interactions asks this class for the caller's {@link Scope} and filters by
 * it in SQL, so no query can forget the rule.
 */
public final class Visibility {
    private final Jdbi jdbi;

    public Visibility(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Whose interactions a caller may see. {@code users} is null for the whole org (admins);
     * otherwise the exact list of user ids, never empty (a caller always sees themselves).
     */
    public record Scope(UUID orgId, UUID viewer, Role role, List<UUID> users) {
        public boolean wholeOrg() {
            return users == null;
        }

        public boolean includes(UUID userId) {
            return users == null || users.contains(userId);
        }

        /** For SQL: {@code (cast(:visible as uuid[]) is null or user_id = any(:visible))}. */
        public UUID[] sqlUsers() {
            return users == null ? null : users.toArray(UUID[]::new);
        }
    }

    public Scope of(Principal p) {
        return switch (p.role()) {
            case ADMIN -> new Scope(p.orgId(), p.userId(), p.role(), null);
            case REP -> new Scope(p.orgId(), p.userId(), p.role(), List.of(p.userId()));
            case MANAGER -> new Scope(p.orgId(), p.userId(), p.role(), jdbi.withHandle(h -> h.createQuery("""
                            select :viewer as user_id
                            union
                            select r.user_id
                            from team_members m
                            join team_members r on r.org_id = m.org_id and r.team_id = m.team_id and r.role = 'rep'
                            where m.org_id = :org and m.user_id = :viewer and m.role = 'manager'""")
                    .bind("org", p.orgId()).bind("viewer", p.userId())
                    .mapTo(UUID.class).list()));
        };
    }

    /** Refuses a user outside the scope exactly like a user that does not exist, so ids reveal nothing. */
    public void requireUser(Scope scope, UUID userId) {
        if (userId == null || !scope.includes(userId)) {
            throw ApiError.notFound("no rep " + userId + " that you may see");
        }
    }

    /**
     * An account the caller may open: for an admin any account of the org; otherwise one that a
     * rep in the caller's scope has touched. Others are answered as not found.
     */
    public void requireAccount(Scope scope, String domain) {
        boolean visible = jdbi.withHandle(h -> h.createQuery("""
                        select case when cast(:visible as uuid[]) is null
                               then exists (select 1 from accounts where org_id = :org and domain = :domain)
                               else exists (select 1 from rep_account_days where org_id = :org and account_domain = :domain
                                            and user_id = any(:visible) and touches > 0) end""")
                .bind("org", scope.orgId()).bind("domain", domain).bindByType("visible", scope.sqlUsers(), UUID[].class)
                .mapTo(Boolean.class).one());
        if (!visible) {
            throw ApiError.notFound("no account " + domain + " that you may see");
        }
    }

    /** Teams the caller may pick on the dashboard: all of them for an admin, the ones they manage otherwise. */
    public List<TeamRef> teams(Scope scope) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select t.id, t.name from teams t
                        where t.org_id = :org
                          and (:admin or exists (select 1 from team_members m where m.org_id = t.org_id
                                                 and m.team_id = t.id and m.user_id = :viewer and m.role = 'manager'))
                        order by lower(t.name)""")
                .bind("org", scope.orgId()).bind("viewer", scope.viewer()).bind("admin", scope.wholeOrg())
                .map((rs, ctx) -> new TeamRef(rs.getObject(1, UUID.class), rs.getString(2)))
                .list());
    }

    /** A team the caller may open; another manager's team is answered as not found. */
    public TeamRef requireTeam(Scope scope, UUID teamId) {
        return teams(scope).stream().filter(t -> t.id().equals(teamId)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no team " + teamId + " that you may see"));
    }

    public record TeamRef(UUID id, String name) {
    }
}
