package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fills the running server's org with a living sales team, through the same admin and capture
 * API the extension uses: three teams with a manager each, twelve reps, forty customer accounts,
 * months of emails and meetings (some declined, cancelled or moved), meetings scheduled ahead,
 * and a handful of accounts that went quiet. Safe to run again: captures are deduplicated.
 */
@Command(name = "demo", description = "Fill the org with demo teams, reps, accounts and months of email and meetings.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    AdminClient client;

    @Option(names = "--days", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int days = 120;

    @Option(names = "--seed", description = "Seed, so two runs make the same org (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    private static final String[][] TEAMS = {
        {"Inside Sales", "Maria Lopez", "Ann Carter", "Jamal Reed", "Sofia Rossi", "Kenji Tanaka"},
        {"Field Sales", "Tom Becker", "Olivia Brown", "Lucas Martin", "Chloe Dubois", "Ravi Patel"},
        {"Enterprise", "Priya Natarajan", "Erik Larsen", "Grace Kim", "Daniel Weber", "Amara Okafor"},
    };
    /** Per team: emails out a working day, meetings a working day, meeting minutes. */
    private static final double[][] RHYTHM = {{11, 0.9, 30}, {5, 1.6, 60}, {3, 0.8, 90}};
    private static final String[] COMPANIES = {
        "Northwind Traders", "Contoso Pharma", "Globex Industries", "Initech Systems", "Umbrella Logistics", "Stark Components",
        "Wayne Foods", "Acme Robotics", "Vandelay Imports", "Hooli Cloud", "Pied Piper Media", "Soylent Nutrition",
        "Tyrell Biotech", "Cyberdyne Security", "Wonka Confections", "Gringotts Finance", "Oscorp Energy", "Massive Dynamic",
        "Aperture Labs", "Black Mesa Research", "Monarch Airlines", "Dunder Paper", "Bluth Homes", "Prestige Worldwide",
        "Sterling Advertising", "Los Pollos Supply", "Krusty Brands", "Nakatomi Trading", "Zorg Manufacturing", "Weyland Mining",
        "Rekall Travel", "Virtucon Holdings", "Spacely Sprockets", "Cogswell Cogs", "Duff Beverages", "Gekko Partners",
        "Ollivander Retail", "Paper Street Soap", "Blue Sun Foods", "InGen Parks",
    };
    private static final String[] FIRST = {"Alice", "Ben", "Carla", "Dev", "Elena", "Felix", "Gina", "Hugo", "Ines", "Jon",
        "Kara", "Liam", "Mona", "Nils", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara"};
    private static final String[] LAST = {"Meyer", "Novak", "Silva", "Haas", "Costa", "Berg", "Ito", "Moreau", "Fischer", "Ward"};
    private static final String[] TOPICS = {"pricing for next year", "the renewal", "the pilot results", "onboarding plan",
        "security questionnaire", "contract redlines", "volume discount", "integration timeline", "the proposal",
        "quarterly business review", "support escalation", "expansion to the EU team"};
    private static final String[] MEETINGS = {"Discovery call", "Demo", "Pricing review", "Quarterly business review",
        "Technical deep dive", "Contract walkthrough", "Kick-off", "Renewal check-in"};

    private record Person(String email, String name) {
    }

    private record Account(String domain, String company, List<Person> contacts) {
    }

    @Override
    public Integer call() throws Exception {
        return CliOutput.run(this::fill);
    }

    private void fill() throws Exception {
        Random rnd = new Random(seed);
        JsonNode policy = client.send("GET", "/api/v1/admin/policy", null);
        String internal = policy.path("internalDomains").path(0).asText("example.com");
        List<Account> accounts = accounts(rnd);

        Map<String, Integer> teamOfRep = new LinkedHashMap<>();
        Map<String, Person> reps = new LinkedHashMap<>();
        List<String> managers = new ArrayList<>();
        for (int t = 0; t < TEAMS.length; t++) {
            String team = TEAMS[t][0];
            ignoreConflict(() -> client.post("/api/v1/admin/teams", Map.of("name", team)));
            for (int i = 1; i < TEAMS[t].length; i++) {
                Person p = person(TEAMS[t][i], internal);
                String role = i == 1 ? "manager" : "rep";
                ignoreConflict(() -> client.post("/api/v1/admin/users", Map.of("email", p.email(), "name", p.name(), "role", role)));
                client.post("/api/v1/admin/teams/" + team.replace(" ", "%20") + "/" + role + "s", Map.of("email", p.email()));
                if (i == 1) {
                    managers.add(p.email());
                } else {
                    reps.put(p.email(), p);
                    teamOfRep.put(p.email(), t);
                }
            }
        }

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int events = 0;
        int r = 0;
        for (Person rep : reps.values()) {
            int team = teamOfRep.get(rep.email());
            // Each rep works eight accounts; neighbours share some, so accounts have several reps.
            List<Account> book = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                book.add(accounts.get((r * 3 + k) % accounts.size()));
            }
            String token = client.post("/api/v1/admin/tokens", Map.of("email", rep.email())).path("token").asText();
            List<Map<String, Object>> first = new ArrayList<>();
            List<Map<String, Object>> updates = new ArrayList<>();
            for (LocalDate day = today.minusDays(days); !day.isAfter(today.plusDays(14)); day = day.plusDays(1)) {
                if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    continue;
                }
                long ago = today.toEpochDay() - day.toEpochDay();
                List<Account> active = book.stream()
                        .filter(a -> !isCold(a, accounts) || (ago > 45 && ago < days - 5)).toList();
                if (!day.isAfter(today)) {
                    int emails = poisson(rnd, RHYTHM[team][0]);
                    for (int e = 0; e < emails; e++) {
                        Account a = active.get(rnd.nextInt(active.size()));
                        Person c = a.contacts().get(rnd.nextInt(a.contacts().size()));
                        Instant at = time(day, rnd);
                        String topic = TOPICS[rnd.nextInt(TOPICS.length)];
                        first.add(email(rep, c, at, "outbound", subject(rnd, topic, a), r, events++));
                        if (rnd.nextDouble() < 0.45) {
                            first.add(email(rep, c, at.plus(Duration.ofMinutes(20 + rnd.nextInt(600))), "inbound",
                                    "Re: " + subject(rnd, topic, a), r, events++));
                        }
                    }
                }
                int meetings = poisson(rnd, RHYTHM[team][1] * (day.isAfter(today) ? 0.6 : 1));
                for (int m = 0; m < meetings; m++) {
                    Account a = active.get(rnd.nextInt(active.size()));
                    Person c = a.contacts().get(rnd.nextInt(a.contacts().size()));
                    Instant start = day.atTime(8 + rnd.nextInt(9), rnd.nextBoolean() ? 0 : 30).toInstant(ZoneOffset.UTC);
                    int minutes = (int) RHYTHM[team][2] + 15 * (rnd.nextInt(3) - 1);
                    String uid = "demo-" + seed + "-" + r + "-" + events++ + "@calendar.demo";
                    double fate = rnd.nextDouble();
                    String response = fate < 0.08 ? "declined" : "accepted";
                    Map<String, Object> meeting = meeting(rep, c, a, uid, start, minutes, response, "confirmed", 1);
                    first.add(meeting);
                    if (fate >= 0.08 && fate < 0.13) {
                        updates.add(meeting(rep, c, a, uid, start, minutes, response, "cancelled", 2));
                    } else if (fate >= 0.13 && fate < 0.20) {
                        updates.add(meeting(rep, c, a, uid, start.plus(Duration.ofDays(1 + rnd.nextInt(3))).plus(Duration.ofHours(1)),
                                minutes, response, "confirmed", 2));
                    }
                }
            }
            post(token, first);
            post(token, updates);
            System.err.println("  " + rep.name() + ": " + (first.size() + updates.size()) + " captures");
            r++;
        }
        System.out.println("Demo org ready: " + TEAMS.length + " teams, " + reps.size() + " reps, " + accounts.size()
                + " accounts, " + days + " days of email and meetings.");
        System.out.println("Sign in at " + client.baseUrl() + "/login with a manager's token, for instance:");
        System.out.println("  scripts/quietlog tokens issue --email " + managers.get(0));
    }

    private void post(String token, List<Map<String, Object>> events) throws Exception {
        for (int i = 0; i < events.size(); i += 500) {
            List<Map<String, Object>> batch = events.subList(i, Math.min(events.size(), i + 500));
            client.sendAs(token, "POST", "/api/v1/captures",
                    Map.of("client", Map.of("name", "quietlog-demo", "version", "1"), "events", batch));
        }
    }

    private static boolean isCold(Account a, List<Account> all) {
        return all.indexOf(a) % 8 == 5;
    }

    private static List<Account> accounts(Random rnd) {
        List<Account> out = new ArrayList<>();
        for (String company : COMPANIES) {
            String domain = company.toLowerCase().replaceAll("[^a-z ]", "").replace(' ', '-') + ".com";
            List<Person> contacts = new ArrayList<>();
            int n = 2 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                String first = FIRST[rnd.nextInt(FIRST.length)];
                String last = LAST[rnd.nextInt(LAST.length)];
                // Some contacts have no display name in mail headers: the dashboard shows the address.
                contacts.add(new Person((first + "." + last).toLowerCase() + "@" + domain, rnd.nextInt(6) == 0 ? null : first + " " + last));
            }
            out.add(new Account(domain, company, contacts));
        }
        return out;
    }

    private static Person person(String name, String domain) {
        return new Person(name.toLowerCase().replace(' ', '.') + "@" + domain, name);
    }

    private static String subject(Random rnd, String topic, Account a) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "Following up on " + topic;
            case 1 -> a.company() + ": " + topic;
            case 2 -> "Question about " + topic;
            default -> "Next steps on " + topic;
        };
    }

    private static Instant time(LocalDate day, Random rnd) {
        return day.atTime(7 + rnd.nextInt(11), rnd.nextInt(60)).toInstant(ZoneOffset.UTC);
    }

    private static Map<String, Object> who(Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", p.email());
        m.put("name", p.name());
        return m;
    }

    private static Map<String, Object> email(Person rep, Person customer, Instant at, String direction, String subject,
                                             int repIndex, int n) {
        Map<String, Object> e = new LinkedHashMap<>();
        boolean out = direction.equals("outbound");
        e.put("type", "email");
        e.put("source", "gmail");
        e.put("sourceId", "demo-" + repIndex + "-" + n);
        e.put("messageId", "<demo-" + repIndex + "-" + n + "@mail.demo>");
        e.put("threadId", "demo-thread-" + repIndex + "-" + (n / 3));
        e.put("direction", direction);
        e.put("occurredAt", at.toString());
        e.put("from", who(out ? rep : customer));
        e.put("to", List.of(who(out ? customer : rep)));
        e.put("cc", List.of());
        e.put("subject", subject);
        e.put("snippet", out ? "Hi, as promised here are the details." : "Thanks, a couple of questions below.");
        e.put("mailbox", rep.email());
        return e;
    }

    private static Map<String, Object> meeting(Person rep, Person customer, Account a, String uid, Instant start, int minutes,
                                               String response, String status, int sequence) {
        Map<String, Object> e = new LinkedHashMap<>();
        boolean customerOrganises = response.equals("declined");
        Map<String, Object> me = who(rep);
        me.put("response", response);
        Map<String, Object> them = who(customer);
        them.put("response", "accepted");
        e.put("type", "meeting");
        e.put("source", "google-calendar");
        e.put("sourceId", uid.replace("@calendar.demo", ""));
        e.put("iCalUid", uid);
        e.put("recurrenceId", null);
        e.put("startsAt", start.toString());
        e.put("endsAt", start.plus(Duration.ofMinutes(minutes)).toString());
        e.put("title", MEETINGS[Math.abs(uid.hashCode()) % MEETINGS.length] + " with " + a.company());
        e.put("organizer", who(customerOrganises ? customer : rep));
        e.put("attendees", customerOrganises ? List.of(me, them) : List.of(them, me));
        e.put("status", status);
        e.put("sequence", sequence);
        e.put("updatedAt", start.minus(Duration.ofDays(3 - sequence)).toString());
        e.put("mailbox", rep.email());
        return e;
    }

    private static int poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Running the demo twice finds its teams and users already there. */
    private static void ignoreConflict(Call call) throws Exception {
        try {
            call.run();
        } catch (AdminClient.CliFailure e) {
            if (!e.getMessage().contains("(409)")) {
                throw e;
            }
        }
    }
}
