package dev.quietlog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.bench.Corpus.Company;
import dev.quietlog.bench.Corpus.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Makes one simulated rep's capture batches, in the wire format of DESIGN.md, with the mix a
 * real sales team produces. Not thread-safe: one factory per rep thread. What reps share (the
 * mail one rep sends with a colleague in copy) goes through {@link Mailboxes}.
 *
 * <p>Each event is drawn independently with these odds, so a 50-event batch carries the mix on
 * average and individual batches vary as they do in real life.
 */
final class EventFactory {

    /** What an event is meant to exercise on the server, and the result it should get. */
    enum Kind {
        NEW_EMAIL(55, "new customer emails", "stored"),
        CROSS_REP_EMAIL(15, "emails another rep already captured", "stored (a new link to the same interaction)"),
        RESENT(5, "exact re-sends of own earlier events", "duplicate"),
        INTERNAL_EMAIL(10, "internal-only emails", "skipped"),
        MEETING(15, "meetings: new, or an earlier one moved or cancelled", "stored / updated");

        final int percent;
        final String description;
        final String expected;

        Kind(int percent, String description, String expected) {
            this.percent = percent;
            this.description = description;
            this.expected = expected;
        }
    }

    /** Of the meeting events, the share that moves or cancels a meeting this rep sent before. */
    private static final double MEETING_CHANGE_SHARE = 0.35;
    /** New outbound emails that copy a colleague, who then captures the same email: feeds CROSS_REP_EMAIL. */
    private static final double COPY_A_COLLEAGUE = 0.65;
    /** Reps mostly work their own accounts; this share of mail goes to any company. */
    private static final double OUTSIDE_TERRITORY = 0.1;
    private static final double REPLY_IN_THREAD = 0.35;
    private static final int MEMORY = 512;

    private static final DateTimeFormatter GOOGLE_INSTANCE_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    /** One bounded inbox per rep for emails a colleague sent with them in copy. */
    static final class Mailboxes {
        private final List<ArrayBlockingQueue<SharedEmail>> boxes = new ArrayList<>();

        Mailboxes(int reps) {
            for (int i = 0; i < reps; i++) {
                boxes.add(new ArrayBlockingQueue<>(256));
            }
        }

        void deliver(int rep, SharedEmail email) {
            // Old mail nobody picked up is dropped rather than blocking the sender.
            while (!boxes.get(rep).offer(email)) {
                boxes.get(rep).poll();
            }
        }

        SharedEmail take(int rep) {
            return boxes.get(rep).poll();
        }
    }

    /** The parts of an email that are the same in every mailbox it lands in. */
    record SharedEmail(String source, String messageId, String occurredAt, Person from, List<Person> to,
                       List<Person> cc, String subject, String snippet) {
    }

    /** A batch ready to send, with what it should do to this rep's memory once the server took it. */
    static final class Batch {
        final ArrayNode events;
        final int[] kinds = new int[Kind.values().length];
        private final List<ObjectNode> customerEvents = new ArrayList<>();
        private final List<Meeting> calendarAfter = new ArrayList<>();
        private final List<Share> shares = new ArrayList<>();

        private Batch(ArrayNode events) {
            this.events = events;
        }

        int size() {
            return events.size();
        }
    }

    private record Share(int colleague, SharedEmail email) {
    }

    private record EmailThread(String source, String threadId, String subject, Company company, List<Person> contacts) {
    }

    private record Meeting(String sourceId, String iCalUid, String recurrenceId, Instant start, Instant end,
                           String title, Person organizer, List<Person> attendees) {
    }

    private final Corpus corpus;
    private final Mailboxes mailboxes;
    private final int rep;
    private final Person me;
    private final Random rnd;
    private final ObjectMapper json;
    private final List<Company> territory = new ArrayList<>();
    private final List<EmailThread> threads = new ArrayList<>();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final List<Meeting> calendar = new ArrayList<>();
    private long sequence;

    EventFactory(Corpus corpus, Mailboxes mailboxes, int rep, long seed, ObjectMapper json) {
        this.corpus = corpus;
        this.mailboxes = mailboxes;
        this.rep = rep;
        this.me = corpus.reps.get(rep);
        this.rnd = new Random(seed * 1_000_003L + rep);
        this.json = json;
        for (int c = rep; c < corpus.companies.size(); c += corpus.reps.size()) {
            territory.add(corpus.companies.get(c));
        }
        if (territory.isEmpty()) {
            territory.addAll(corpus.companies);
        }
    }

    Batch next(int size) {
        Batch batch = new Batch(json.createArrayNode());
        for (int i = 0; i < size; i++) {
            int roll = rnd.nextInt(100);
            Kind kind = roll < 55 ? Kind.NEW_EMAIL
                    : roll < 70 ? Kind.CROSS_REP_EMAIL
                    : roll < 75 ? Kind.RESENT
                    : roll < 85 ? Kind.INTERNAL_EMAIL
                    : Kind.MEETING;
            add(batch, kind);
        }
        return batch;
    }

    /**
     * The server answered 200: what was sent becomes something later batches can repeat, share or change.
     * Only emails are re-sent as exact duplicates: re-sending an old version of a meeting that has since
     * moved would be an update, not a duplicate.
     */
    void delivered(Batch batch) {
        for (ObjectNode e : batch.customerEvents) {
            remember(sent, e);
        }
        calendar.addAll(batch.calendarAfter);
        while (calendar.size() > MEMORY) {
            calendar.remove(0);
        }
        for (Share s : batch.shares) {
            mailboxes.deliver(s.colleague(), s.email());
        }
    }

    private void add(Batch batch, Kind kind) {
        switch (kind) {
            case CROSS_REP_EMAIL -> {
                SharedEmail shared = mailboxes.take(rep);
                if (shared == null) {
                    add(batch, Kind.NEW_EMAIL); // nobody has copied this rep yet
                    return;
                }
                ObjectNode e = email(shared.source(), shared.messageId(), newThreadId(shared.source()), "inbound",
                        shared.occurredAt(), shared.from(), shared.to(), shared.cc(), shared.subject(),
                        shared.snippet());
                batch.customerEvents.add(e);
                batch.events.add(e);
            }
            case RESENT -> {
                if (sent.isEmpty()) {
                    add(batch, Kind.NEW_EMAIL);
                    return;
                }
                batch.events.add(sent.get(rnd.nextInt(sent.size())));
            }
            case INTERNAL_EMAIL -> batch.events.add(internalEmail());
            case MEETING -> batch.events.add(meeting(batch));
            case NEW_EMAIL -> {
                ObjectNode e = newEmail(batch);
                batch.customerEvents.add(e);
                batch.events.add(e);
            }
        }
        batch.kinds[kind.ordinal()]++;
    }

    private ObjectNode newEmail(Batch batch) {
        EmailThread thread;
        String subject;
        if (!threads.isEmpty() && rnd.nextDouble() < REPLY_IN_THREAD) {
            thread = threads.get(rnd.nextInt(threads.size()));
            subject = (thread.source().equals("gmail") ? "Re: " : "RE: ") + thread.subject();
        } else {
            String source = rnd.nextInt(100) < 80 ? "gmail" : "outlook";
            Company company = rnd.nextDouble() < OUTSIDE_TERRITORY
                    ? pick(corpus.companies) : territory.get(skewed(territory.size()));
            List<Person> contacts = pickSome(company.contacts(), 1 + rnd.nextInt(3));
            String base = fill(pick(Words.EMAIL_SUBJECTS), company, contacts.get(0));
            thread = new EmailThread(source, newThreadId(source), base, company, contacts);
            remember(threads, thread);
            subject = base;
        }
        String source = thread.source();
        List<Person> contacts = thread.contacts();
        String snippet = fill(pick(Words.SNIPPETS), thread.company(), contacts.get(0));
        String occurredAt = recently().toString();
        boolean outbound = rnd.nextInt(100) < 55;
        Person from;
        List<Person> to = new ArrayList<>();
        List<Person> cc = new ArrayList<>();
        if (outbound) {
            from = me;
            to.add(contacts.get(0));
            for (int i = 1; i < contacts.size(); i++) {
                (rnd.nextBoolean() ? to : cc).add(contacts.get(i));
            }
        } else {
            from = contacts.get(0);
            to.add(me);
            for (int i = 1; i < contacts.size(); i++) {
                cc.add(contacts.get(i));
            }
        }
        int colleague = -1;
        if (outbound && corpus.reps.size() > 1 && to.size() + cc.size() < 4 && rnd.nextDouble() < COPY_A_COLLEAGUE) {
            colleague = (rep + 1 + rnd.nextInt(corpus.reps.size() - 1)) % corpus.reps.size();
            cc.add(corpus.reps.get(colleague));
        }
        String messageId = outbound ? ownMessageId(source) : customerMessageId(from);
        if (colleague >= 0) {
            batch.shares.add(new Share(colleague, new SharedEmail(source, messageId, occurredAt, from,
                    List.copyOf(to), List.copyOf(cc), subject, snippet)));
        }
        return email(source, messageId, thread.threadId(), outbound ? "outbound" : "inbound", occurredAt, from, to, cc,
                subject, snippet);
    }

    private ObjectNode internalEmail() {
        String source = rnd.nextInt(100) < 80 ? "gmail" : "outlook";
        List<Person> colleagues = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            colleagues.add(rnd.nextBoolean() ? pick(corpus.staff) : pick(corpus.reps));
        }
        Company about = pick(territory);
        Person firstOther = colleagues.get(0);
        boolean outbound = rnd.nextBoolean();
        Person from = outbound ? me : firstOther;
        List<Person> to = outbound ? colleagues.subList(0, 1) : List.of(me);
        List<Person> cc = colleagues.subList(1, colleagues.size());
        return email(source, ownMessageId(source), newThreadId(source), outbound ? "outbound" : "inbound",
                recently().toString(), from, to, cc,
                fill(pick(Words.INTERNAL_SUBJECTS), about, firstOther),
                fill(pick(Words.INTERNAL_SNIPPETS), about, firstOther));
    }

    private ObjectNode email(String source, String messageId, String threadId, String direction, String occurredAt,
                             Person from, List<Person> to, List<Person> cc, String subject, String snippet) {
        ObjectNode e = json.createObjectNode();
        e.put("type", "email");
        e.put("source", source);
        e.put("sourceId", source.equals("gmail") ? gmailId() : outlookId("AAMkAD"));
        e.put("messageId", messageId);
        e.put("threadId", threadId);
        e.put("direction", direction);
        e.put("occurredAt", occurredAt);
        e.set("from", person(from));
        ArrayNode toNode = e.putArray("to");
        to.forEach(p -> toNode.add(person(p)));
        ArrayNode ccNode = e.putArray("cc");
        cc.forEach(p -> ccNode.add(person(p)));
        e.put("subject", subject);
        e.put("snippet", snippet);
        e.put("mailbox", me.email());
        return e;
    }

    private ObjectNode meeting(Batch batch) {
        if (!calendar.isEmpty() && rnd.nextDouble() < MEETING_CHANGE_SHARE) {
            // Taken out of the calendar so one batch never changes the same meeting twice.
            Meeting m = calendar.remove(rnd.nextInt(calendar.size()));
            if (rnd.nextInt(3) == 0) {
                return meetingEvent(m, "cancelled");
            }
            Duration shift = rnd.nextBoolean()
                    ? Duration.ofDays(1 + rnd.nextInt(3)) : Duration.ofMinutes(30L * (1 + rnd.nextInt(8)));
            if (rnd.nextBoolean()) {
                shift = shift.negated();
            }
            Meeting moved = new Meeting(m.sourceId(), m.iCalUid(), m.recurrenceId(), m.start().plus(shift),
                    m.end().plus(shift), m.title(), m.organizer(), m.attendees());
            batch.calendarAfter.add(moved);
            return meetingEvent(moved, "confirmed");
        }
        Company company = territory.get(skewed(territory.size()));
        List<Person> contacts = pickSome(company.contacts(), 1 + rnd.nextInt(4));
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofMinutes(30L * (rnd.nextInt(28 * 48) - 7 * 48)));
        Instant end = start.plus(Duration.ofMinutes(30 + 15L * rnd.nextInt(3)));
        String eventId = base32hex(26);
        boolean recurring = rnd.nextInt(100) < 30;
        String template = pick(recurring ? Words.RECURRING_TITLES : Words.MEETING_TITLES);
        Person organizer = rnd.nextInt(100) < 70 ? me : contacts.get(0);
        List<Person> attendees = new ArrayList<>();
        attendees.add(me);
        attendees.addAll(contacts);
        if (rnd.nextInt(100) < 20) {
            attendees.add(pick(corpus.staff));
        }
        Meeting m = new Meeting(
                recurring ? eventId + "_" + GOOGLE_INSTANCE_SUFFIX.format(start) : eventId,
                eventId + "@google.com",
                recurring ? start.toString() : null,
                start, end, fill(template, company, contacts.get(0)), organizer, attendees);
        batch.calendarAfter.add(m);
        return meetingEvent(m, "confirmed");
    }

    private ObjectNode meetingEvent(Meeting m, String status) {
        ObjectNode e = json.createObjectNode();
        e.put("type", "meeting");
        e.put("source", "google-calendar");
        e.put("sourceId", m.sourceId());
        e.put("iCalUid", m.iCalUid());
        if (m.recurrenceId() == null) {
            e.putNull("recurrenceId");
        } else {
            e.put("recurrenceId", m.recurrenceId());
        }
        e.put("startsAt", m.start().toString());
        e.put("endsAt", m.end().toString());
        e.put("title", m.title());
        e.set("organizer", person(m.organizer()));
        ArrayNode attendees = e.putArray("attendees");
        for (Person p : m.attendees()) {
            attendees.add(person(p).put("response",
                    p.equals(m.organizer()) || rnd.nextInt(100) < 60 ? "accepted" : "needsAction"));
        }
        e.put("status", status);
        e.put("mailbox", me.email());
        return e;
    }

    private ObjectNode person(Person p) {
        return json.createObjectNode().put("email", p.email()).put("name", p.name());
    }

    /** Message-IDs the rep's own mail system mints; the sequence number keeps them unique across the run. */
    private String ownMessageId(String source) {
        String unique = Long.toString(++sequence, 36) + "x" + rep;
        return source.equals("gmail")
                ? "<CA" + base64(28) + unique + "@mail.gmail.com>"
                : "<DM6PR11MB" + (1000 + rnd.nextInt(9000)) + unique + base64(12)
                        + "@DM6PR11MB4321.namprd11.prod.outlook.com>";
    }

    private String customerMessageId(Person from) {
        String unique = Long.toString(++sequence, 36) + "y" + rep;
        String domain = from.email().substring(from.email().indexOf('@') + 1);
        return "<" + base32hex(20) + "." + unique + "@" + domain + ">";
    }

    private String newThreadId(String source) {
        return source.equals("gmail") ? gmailId() : outlookId("AAQkAD");
    }

    private String gmailId() {
        return Long.toHexString(0x18f0000000000000L | (rnd.nextLong() & 0x000fffffffffffffL));
    }

    /** Outlook's REST ids are long base64 strings; their size matters for request and row width. */
    private String outlookId(String prefix) {
        return prefix + base64(146);
    }

    private Instant recently() {
        // Most mail is captured within minutes; some is opened days later.
        long seconds = (long) (-Math.log(1 - rnd.nextDouble()) * 7200);
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(Math.min(seconds, 7 * 86400));
    }

    private String fill(String template, Company company, Person person) {
        String first = person.name().split(" ")[0];
        return template
                .replace("{company}", company.name())
                .replace("{topic}", pick(Words.TOPICS))
                .replace("{product}", pick(Words.PRODUCTS))
                .replace("{name}", person.name())
                .replace("{first}", first)
                .replace("{day}", pick(Words.DAYS))
                .replace("{quarter}", Integer.toString(1 + rnd.nextInt(4)))
                .replace("{ticket}", Integer.toString(10000 + rnd.nextInt(90000)))
                .replace("{n}", Integer.toString(2 + rnd.nextInt(8)));
    }

    private <T> void remember(List<T> memory, T item) {
        if (memory.size() < MEMORY) {
            memory.add(item);
        } else {
            memory.set(rnd.nextInt(MEMORY), item);
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private String pick(String[] words) {
        return words[rnd.nextInt(words.length)];
    }

    private <T> List<T> pickSome(List<T> from, int n) {
        List<T> out = new ArrayList<>(n);
        out.add(from.get(skewed(from.size())));
        for (int attempt = 0; attempt < 3 * n && out.size() < Math.min(n, from.size()); attempt++) {
            T t = from.get(skewed(from.size()));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** An index biased towards the front: the main contact and the biggest accounts come up most. */
    private int skewed(int size) {
        return (int) (size * Math.pow(rnd.nextDouble(), 1.8));
    }

    private String base64(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = BASE64[rnd.nextInt(64)];
        }
        return new String(c);
    }

    private String base32hex(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = BASE32HEX[rnd.nextInt(32)];
        }
        return new String(c);
    }
}
