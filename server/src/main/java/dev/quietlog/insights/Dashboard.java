package dev.quietlog.insights;

import dev.quietlog.app.ApiError;
import dev.quietlog.directory.TimeSettings;
import dev.quietlog.directory.Visibility;
import dev.quietlog.directory.Visibility.Scope;
import dev.quietlog.directory.Visibility.TeamRef;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The managers' dashboard: team overview, one rep, one account, cold accounts and search. Every
 * answer comes from the rollups and from index ranges (never a scan of all interactions), and
 * every query is filtered by the caller's {@link Scope}.
 */
public final class Dashboard {
    private static final int TIMELINE_LIMIT = 200;
    private static final int LIST_LIMIT = 200;

    private final Jdbi jdbi;
    private final Visibility visibility;
    private final TimeSettings timeSettings;

    public Dashboard(Jdbi jdbi, Visibility visibility, TimeSettings timeSettings) {
        this.jdbi = jdbi;
        this.visibility = visibility;
        this.timeSettings = timeSettings;
    }

    private static String sql(String name) {
        return ClasspathSqlLocator.removingComments().getResource(Dashboard.class.getClassLoader(), "sql/dashboard/" + name + ".sql");
    }

    private static final String REP_TOTALS = sql("rep-totals");
    private static final String WEEKS = sql("weeks");
    private static final String REP_TIMELINE = sql("rep-timeline");
    private static final String ACCOUNT_TIMELINE = sql("account-timeline");
    private static final String COLD = sql("cold-accounts");

    public record TeamOverview(TeamRef team, List<TeamRef> teams, DateRange range, TimeSettings.Values settings,
                               List<CustomerTime> reps, CustomerTime total, List<WeekPoint> weeks) {
    }

    public record AccountTouches(String account, long touches, LocalDate lastDay) {
    }

    public record RepPage(CustomerTime rep, DateRange range, TimeSettings.Values settings, List<WeekPoint> weeks,
                          List<AccountTouches> accounts, List<Touch> touches) {
    }

    public record ContactRow(String email, String name, long touches, Instant lastTouchAt) {
        public String displayName() {
            return name == null || name.isBlank() ? email : name;
        }
    }

    public record RepKnowledge(UUID userId, String name, String email, long touches, LocalDate lastDay) {
        public String displayName() {
            return name == null || name.isBlank() ? email : name;
        }
    }

    public record AccountPage(String domain, DateRange range, long emails, long meetings, Touch lastTouch, Touch nextTouch,
                              List<ContactRow> contacts, List<RepKnowledge> reps, List<Touch> timeline) {
    }

    public record ColdAccount(String account, long priorTouches, LocalDate lastDay, String knownBestBy) {
    }

    public record ColdAccounts(DateRange range, int minTouches, int quietDays, LocalDate priorFrom, LocalDate priorTo,
                               List<ColdAccount> accounts) {
    }

    public record SearchResult(String query, List<ContactRow> contacts, List<AccountTouches> accounts) {
    }

    /** The team overview; teamId null picks the caller's first team (for an admin, all reps when there are no teams). */
    public TeamOverview teamOverview(Scope scope, UUID teamId, DateRange range) {
        List<TeamRef> teams = visibility.teams(scope);
        TeamRef team;
        if (teamId != null) {
            team = visibility.requireTeam(scope, teamId);
        } else if (!teams.isEmpty()) {
            team = teams.get(0);
        } else {
            team = null;
        }
        TimeSettings.Values settings = timeSettings.get(scope.orgId());
        return jdbi.withHandle(h -> {
            List<UUID> reps = team == null ? (scope.wholeOrg() ? allReps(h, scope.orgId()) : List.of())
                    : h.createQuery("select user_id from team_members where org_id = :org and team_id = :team and role = 'rep'")
                            .bind("org", scope.orgId()).bind("team", team.id()).mapTo(UUID.class).list()
                            .stream().filter(scope::includes).toList();
            List<CustomerTime> rows = totals(h, scope.orgId(), reps, range, settings);
            return new TeamOverview(team, teams, range, settings, rows, sum(rows, settings, range),
                    weeks(h, scope.orgId(), reps, range, settings));
        });
    }

    public RepPage rep(Scope scope, UUID userId, DateRange range) {
        visibility.requireUser(scope, userId);
        TimeSettings.Values settings = timeSettings.get(scope.orgId());
        return jdbi.withHandle(h -> {
            List<CustomerTime> rows = totals(h, scope.orgId(), List.of(userId), range, settings);
            if (rows.isEmpty()) {
                throw ApiError.notFound("no rep " + userId + " that you may see");
            }
            List<AccountTouches> accounts = h.createQuery("""
                            select account_domain, sum(touches), max(day) from rep_account_days
                            where org_id = :org and user_id = :user and day between :from and :to and touches > 0
                            group by account_domain order by 2 desc, 1 limit :limit""")
                    .bind("org", scope.orgId()).bind("user", userId).bind("from", range.from()).bind("to", range.to())
                    .bind("limit", LIST_LIMIT)
                    .map((rs, ctx) -> new AccountTouches(rs.getString(1), rs.getLong(2), rs.getObject(3, LocalDate.class)))
                    .list();
            List<Touch> touches = touches(h.createQuery(REP_TIMELINE), scope, range)
                    .bind("user", userId).bind("limit", TIMELINE_LIMIT).map(Dashboard::touch).list();
            return new RepPage(rows.get(0), range, settings, weeks(h, scope.orgId(), List.of(userId), range, settings),
                    accounts, touches);
        });
    }

    public AccountPage account(Scope scope, String rawDomain, DateRange range) {
        String domain = rawDomain == null ? "" : rawDomain.strip().toLowerCase(Locale.ROOT);
        visibility.requireAccount(scope, domain);
        return jdbi.withHandle(h -> {
            List<Touch> timeline = touches(h.createQuery(ACCOUNT_TIMELINE), scope, range)
                    .define("order", "desc").define("when", "a.occurred_at >= :fromTs and a.occurred_at < :toTs")
                    .bind("domain", domain).bind("limit", TIMELINE_LIMIT).map(Dashboard::touch).list();
            Instant now = Instant.now();
            Touch last = touches(h.createQuery(ACCOUNT_TIMELINE), scope, range)
                    .define("order", "desc").define("when", "a.occurred_at <= :now and a.counted")
                    .bind("domain", domain).bind("limit", 1).bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .map(Dashboard::touch).findOne().orElse(null);
            Touch next = touches(h.createQuery(ACCOUNT_TIMELINE), scope, range)
                    .define("order", "asc").define("when", "a.occurred_at > :now and a.counted")
                    .bind("domain", domain).bind("limit", 1).bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .map(Dashboard::touch).findOne().orElse(null);
            long[] counts = h.createQuery("""
                            select count(*) filter (where a.kind = 'email'), count(*) filter (where a.kind = 'meeting')
                            from account_touches a
                            where a.org_id = :org and a.account_domain = :domain and a.counted
                              and a.occurred_at >= :fromTs and a.occurred_at < :toTs
                              and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
                                   where r.org_id = a.org_id and r.interaction_id = a.interaction_id
                                     and r.user_id = any(:visible)))""")
                    .bind("org", scope.orgId()).bind("domain", domain).bindByType("visible", scope.sqlUsers(), UUID[].class)
                    .bind("fromTs", start(range.from())).bind("toTs", start(range.to().plusDays(1)))
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            List<ContactRow> contacts = h.createQuery("""
                            select c.email, c.name, x.n, x.last from contacts c
                            cross join lateral (
                                select count(*) as n, max(ic.occurred_at) as last from interaction_contacts ic
                                where ic.org_id = c.org_id and ic.email = c.email
                                  and (cast(:visible as uuid[]) is null or exists (select 1 from rep_touches r
                                       where r.org_id = ic.org_id and r.interaction_id = ic.interaction_id
                                         and r.user_id = any(:visible)))) x
                            where c.org_id = :org and c.account_domain = :domain and x.n > 0
                            order by x.n desc, c.email limit :limit""")
                    .bind("org", scope.orgId()).bind("domain", domain).bindByType("visible", scope.sqlUsers(), UUID[].class)
                    .bind("limit", LIST_LIMIT)
                    .map((rs, ctx) -> new ContactRow(rs.getString(1), rs.getString(2), rs.getLong(3),
                            instant(rs.getObject(4, OffsetDateTime.class))))
                    .list();
            List<RepKnowledge> reps = h.createQuery("""
                            select u.id, u.name, u.email, k.touches, k.last_day from (
                                select user_id, sum(touches) as touches, max(day) as last_day from rep_account_days
                                where org_id = :org and account_domain = :domain and day <= :to and touches > 0
                                  and (cast(:visible as uuid[]) is null or user_id = any(:visible))
                                group by user_id) k
                            join users u on u.org_id = :org and u.id = k.user_id
                            order by k.touches desc, k.last_day desc limit 20""")
                    .bind("org", scope.orgId()).bind("domain", domain).bind("to", range.to())
                    .bindByType("visible", scope.sqlUsers(), UUID[].class)
                    .map((rs, ctx) -> new RepKnowledge(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getObject(5, LocalDate.class)))
                    .list();
            return new AccountPage(domain, range, counts[0], counts[1], last, next, contacts, reps, timeline);
        });
    }

    /**
     * Accounts with at least {@code minTouches} touches in the prior period (as long as the range,
     * just before the quiet window) and none in the last {@code quietDays} days up to the range's
     * end, nor any scheduled after it; most active first.
     */
    public ColdAccounts cold(Scope scope, DateRange range, int minTouches, int quietDays) {
        if (minTouches < 1 || minTouches > 10_000) {
            throw ApiError.badRequest("touches: must be a whole number from 1 to 10000");
        }
        if (quietDays < 1 || quietDays > 365) {
            throw ApiError.badRequest("quietDays: must be a whole number of days from 1 to 365");
        }
        LocalDate priorTo = range.to().minusDays(quietDays);
        LocalDate priorFrom = priorTo.minusDays(range.days() - 1);
        List<ColdAccount> rows = jdbi.withHandle(h -> h.createQuery(COLD)
                .bind("org", scope.orgId()).bindByType("visible", scope.sqlUsers(), UUID[].class)
                .bind("priorFrom", priorFrom).bind("priorTo", priorTo).bind("min", minTouches).bind("limit", LIST_LIMIT)
                .map((rs, ctx) -> new ColdAccount(rs.getString(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        displayName(rs.getString(4), rs.getString(5))))
                .list());
        return new ColdAccounts(range, minTouches, quietDays, priorFrom, priorTo, rows);
    }

    public SearchResult search(Scope scope, String rawQuery) {
        String q = rawQuery == null ? "" : rawQuery.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return new SearchResult("", List.of(), List.of());
        }
        if (q.length() < 2 || q.length() > 100) {
            throw ApiError.badRequest("q: between 2 and 100 characters");
        }
        String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbi.withHandle(h -> {
            List<ContactRow> contacts = h.createQuery("""
                            select c.email, c.name from contacts c
                            where c.org_id = :org and (c.email like :pattern or lower(c.name) like :pattern)
                              and (cast(:visible as uuid[]) is null or exists (
                                   select 1 from interaction_contacts ic
                                   join rep_touches r on r.org_id = ic.org_id and r.interaction_id = ic.interaction_id
                                   where ic.org_id = c.org_id and ic.email = c.email and r.user_id = any(:visible)))
                            order by c.email limit 50""")
                    .bind("org", scope.orgId()).bind("pattern", pattern).bindByType("visible", scope.sqlUsers(), UUID[].class)
                    .map((rs, ctx) -> new ContactRow(rs.getString(1), rs.getString(2), 0, null))
                    .list();
            List<AccountTouches> accounts = h.createQuery("""
                            select a.domain, aa.last_day from accounts a
                            left join account_activity aa on aa.org_id = a.org_id and aa.account_domain = a.domain
                            where a.org_id = :org and a.domain like :pattern
                              and (cast(:visible as uuid[]) is null or exists (
                                   select 1 from rep_account_days x where x.org_id = a.org_id
                                   and x.account_domain = a.domain and x.user_id = any(:visible) and x.touches > 0))
                            order by a.domain limit 50""")
                    .bind("org", scope.orgId()).bind("pattern", pattern).bindByType("visible", scope.sqlUsers(), UUID[].class)
                    .map((rs, ctx) -> new AccountTouches(rs.getString(1), 0, rs.getObject(2, LocalDate.class)))
                    .list();
            return new SearchResult(q, contacts, accounts);
        });
    }

    private static List<UUID> allReps(Handle h, UUID orgId) {
        return h.createQuery("select id from users where org_id = :org and role = 'rep' and active order by lower(name)")
                .bind("org", orgId).mapTo(UUID.class).list();
    }

    private static List<CustomerTime> totals(Handle h, UUID orgId, List<UUID> reps, DateRange range, TimeSettings.Values s) {
        if (reps.isEmpty()) {
            return List.of();
        }
        double working = s.workingHoursPerWeek() * 60 * range.days() / 7.0;
        return h.createQuery(REP_TOTALS)
                .bind("org", orgId).bindArray("reps", UUID.class, reps).bind("from", range.from()).bind("to", range.to())
                .map((rs, ctx) -> new CustomerTime(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"),
                        rs.getLong("emails_out"), rs.getLong("emails_in"), rs.getLong("accounts"), rs.getLong("meetings"),
                        rs.getLong("meeting_minutes"), s.minutesPerEmail(), working))
                .list();
    }

    private static CustomerTime sum(List<CustomerTime> rows, TimeSettings.Values s, DateRange range) {
        long eo = 0;
        long ei = 0;
        long acc = 0;
        long m = 0;
        long mm = 0;
        for (CustomerTime r : rows) {
            eo += r.emailsOut();
            ei += r.emailsIn();
            acc += r.accounts();
            m += r.meetings();
            mm += r.meetingMinutes();
        }
        double working = s.workingHoursPerWeek() * 60 * range.days() / 7.0 * rows.size();
        return new CustomerTime(null, "Team", null, eo, ei, acc, m, mm, s.minutesPerEmail(), working);
    }

    /** Every week the range touches, Monday first, with zeros where nothing happened. */
    private static List<WeekPoint> weeks(Handle h, UUID orgId, List<UUID> reps, DateRange range, TimeSettings.Values s) {
        Map<LocalDate, long[]> sums = new LinkedHashMap<>();
        if (!reps.isEmpty()) {
            h.createQuery(WEEKS)
                    .bind("org", orgId).bindArray("reps", UUID.class, reps).bind("from", range.from()).bind("to", range.to())
                    .map((rs, ctx) -> sums.put(rs.getObject(1, LocalDate.class),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}))
                    .list();
        }
        List<WeekPoint> out = new ArrayList<>();
        for (LocalDate week = range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
             !week.isAfter(range.to()); week = week.plusWeeks(1)) {
            LocalDate first = week.isBefore(range.from()) ? range.from() : week;
            LocalDate last = week.plusDays(6).isAfter(range.to()) ? range.to() : week.plusDays(6);
            long days = ChronoUnit.DAYS.between(first, last) + 1;
            double working = s.workingHoursPerWeek() * 60 * days / 7.0 * reps.size();
            long[] v = sums.getOrDefault(week, new long[4]);
            out.add(new WeekPoint(week, v[0], v[1], v[2], v[3], v[0] * s.minutesPerEmail(), working));
        }
        return out;
    }

    private static Query touches(Query q, Scope scope, DateRange range) {
        q.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
        return q.bind("org", scope.orgId()).bindByType("visible", scope.sqlUsers(), UUID[].class)
                .bind("fromTs", start(range.from())).bind("toTs", start(range.to().plusDays(1)));
    }

    private static Touch touch(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Touch(rs.getObject("id", UUID.class), instant(rs.getObject("occurred_at", OffsetDateTime.class)),
                instant(rs.getObject("ends_at", OffsetDateTime.class)), rs.getString("kind"), rs.getString("direction"),
                rs.getString("status"), rs.getString("subject"), rs.getString("with_people"), rs.getString("reps"),
                rs.getString("accounts"));
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String displayName(String name, String email) {
        return name == null || name.isBlank() ? email : name;
    }
}
