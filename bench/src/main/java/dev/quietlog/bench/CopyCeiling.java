package dev.quietlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.quietlog.db.DatabaseUrl;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The yardstick: how fast this PostgreSQL, on this machine, takes rows as wide as stored
 * interactions when nothing but a single COPY stands between them and the disk. It is an
 * upper bound the capture path cannot reach (it has no keys, no dedup, no links, no HTTP);
 * the ratio to it says how much of the machine the capture path turns into stored rows.
 *
 * <p>A regular logged table, so WAL and the commit's fsync are paid as the real table pays
 * them; no indexes, so it is the raw ceiling.
 */
final class CopyCeiling {
    private static final String TABLE = "bench_copy_ceiling";
    private static final int TEMPLATES = 4096;
    private static final int ROUNDS = 3;
    private static final String CREATE_TABLE = """
            create table %s (
                org_id       uuid not null,
                id           uuid not null,
                kind         text not null,
                source       text not null,
                occurred_at  timestamptz not null,
                ends_at      timestamptz,
                subject      text,
                snippet      text,
                thread_id    text,
                status       text,
                participants jsonb not null
            )""".formatted(TABLE);
    private static final int FLUSH_BYTES = 256 * 1024;
    /** Row width is compared over the columns both tables have (interactions also has created_at, updated_at). */
    private static final String SAME_COLUMNS =
            "row(org_id, id, kind, source, occurred_at, ends_at, subject, snippet, thread_id, status, participants)";

    /** seconds: the median round's. */
    record Result(long rows, double seconds, long bytes, double avgRowBytes, double storedAvgRowBytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /**
     * The columns of a row that come from an event, ready to send: "kind\tsource\t", then the COPY
     * text of subject to participants with its line end. Ids and times are fresh per row.
     */
    private record Template(String kindAndSource, boolean hasEnd, byte[] rest) {
        static Template of(String kind, String source, boolean hasEnd, String subject, String snippet,
                           String threadId, String status, String participants) {
            StringBuilder rest = new StringBuilder(1024);
            field(rest, subject).append('\t');
            field(rest, snippet).append('\t');
            field(rest, threadId).append('\t');
            field(rest, status).append('\t');
            field(rest, participants).append('\n');
            return new Template(kind + "\t" + source + "\t", hasEnd, rest.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private CopyCeiling() {
    }

    static Result measure(DatabaseUrl url, long rows, Corpus corpus, long seed, ObjectMapper json,
                          PrintStream progress) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement st = c.createStatement()) {
            double storedWidth = scalar(st, "select coalesce(avg(pg_column_size(" + SAME_COLUMNS + ")), 0) from interactions");
            List<Template> templates = templates(corpus, seed, json);
            // A single COPY of a few seconds is at the mercy of a checkpoint or an autovacuum of the
            // tables the load just filled: the median of three steadies the figure.
            List<Double> seconds = new ArrayList<>();
            long bytes = 0;
            double width = 0;
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    st.execute("drop table if exists " + TABLE);
                    st.execute(CREATE_TABLE);
                    // Start from a clean slate: dirty pages left by the load (or the previous round) would
                    // otherwise be written by a checkpoint in the middle of the COPY and charged to it.
                    st.execute("checkpoint");
                    long started = System.nanoTime();
                    bytes = copy(c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            "copy " + TABLE + " (org_id, id, kind, source, occurred_at, ends_at, subject, snippet, "
                                    + "thread_id, status, participants) from stdin"), rows, templates, new Random(seed + round));
                    seconds.add((System.nanoTime() - started) / 1e9);
                    progress.printf("  COPY round %d of %d: %,.0f rows/s%n", round, ROUNDS, rows / seconds.get(round - 1));
                    if (round == 1) {
                        width = scalar(st, "select avg(pg_column_size(" + SAME_COLUMNS + ")) from " + TABLE);
                    }
                }
            } finally {
                st.execute("drop table if exists " + TABLE);
            }
            seconds.sort(null);
            return new Result(rows, seconds.get(seconds.size() / 2), bytes, width, storedWidth);
        }
    }

    /**
     * Streams rows through a small buffer: the whole input would be hundreds of megabytes. Each row's
     * fixed text is escaped and encoded once per template, so producing a row costs little more than
     * copying bytes and the figure is PostgreSQL's, not this loop's.
     */
    private static long copy(CopyIn in, long rows, List<Template> templates, Random rnd) throws SQLException {
        byte[] org = (new UUID(rnd.nextLong(), rnd.nextLong()) + "\t").getBytes(StandardCharsets.US_ASCII);
        long now = Instant.now().getEpochSecond();
        byte[] buffer = new byte[FLUSH_BYTES + 64 * 1024];
        int filled = 0;
        long total = 0;
        try {
            for (long r = 0; r < rows; r++) {
                Template t = templates.get(rnd.nextInt(templates.size()));
                Instant occurred = Instant.ofEpochSecond(now - rnd.nextInt(365 * 86400));
                String varying = new UUID(rnd.nextLong() & ~0xF000L | 0x4000L, rnd.nextLong()) + "\t"
                        + t.kindAndSource() + occurred + "\t"
                        + (t.hasEnd() ? occurred.plusSeconds(3600).toString() : "\\N") + "\t";
                if (filled + org.length + varying.length() + t.rest().length > buffer.length) {
                    in.writeToCopy(buffer, 0, filled);
                    total += filled;
                    filled = 0;
                }
                System.arraycopy(org, 0, buffer, filled, org.length);
                filled += org.length;
                for (int i = 0; i < varying.length(); i++) {
                    buffer[filled++] = (byte) varying.charAt(i); // ids, kind, source and times are ASCII
                }
                System.arraycopy(t.rest(), 0, buffer, filled, t.rest().length);
                filled += t.rest().length;
                if (filled >= FLUSH_BYTES) {
                    in.writeToCopy(buffer, 0, filled);
                    total += filled;
                    filled = 0;
                }
            }
            if (filled > 0) {
                in.writeToCopy(buffer, 0, filled);
                total += filled;
            }
            in.endCopy();
            return total;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** COPY's text format: NULL is \N, and backslash, tab and line breaks are escaped. */
    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /**
     * Rows shaped like the ones the capture path stores, made from the very events the load sends
     * (customer emails and meetings, in the load's proportions), with participants in the stored
     * form: {email, name, role, external}.
     */
    private static List<Template> templates(Corpus corpus, long seed, ObjectMapper json) {
        EventFactory factory = new EventFactory(corpus, new EventFactory.Mailboxes(corpus.reps.size()), 0, seed, json);
        List<Template> out = new ArrayList<>(TEMPLATES);
        while (out.size() < TEMPLATES) {
            EventFactory.Batch batch = factory.next(50);
            for (JsonNode e : batch.events) {
                ArrayNode participants = json.createArrayNode();
                boolean meeting = e.path("type").asText().equals("meeting");
                if (meeting) {
                    participant(participants, e.path("organizer"), "organizer");
                    e.path("attendees").forEach(a -> participant(participants, a, "attendee"));
                } else {
                    participant(participants, e.path("from"), "from");
                    e.path("to").forEach(a -> participant(participants, a, "to"));
                    e.path("cc").forEach(a -> participant(participants, a, "cc"));
                }
                boolean customer = false;
                for (JsonNode p : participants) {
                    customer |= p.path("external").asBoolean();
                }
                if (!customer) {
                    continue; // internal-only mail is skipped by the server, never stored
                }
                out.add(meeting
                        ? Template.of("meeting", e.path("source").asText(), true, e.path("title").asText(), null,
                                null, e.path("status").asText(), participants.toString())
                        : Template.of("email", e.path("source").asText(), false, e.path("subject").asText(),
                                e.path("snippet").asText(), e.path("threadId").asText(), null,
                                participants.toString()));
            }
            factory.delivered(batch);
        }
        return out;
    }

    private static void participant(ArrayNode out, JsonNode person, String role) {
        String email = person.path("email").asText();
        out.addObject()
                .put("email", email)
                .put("name", person.path("name").asText(null))
                .put("role", role)
                .put("external", !email.endsWith("@" + Corpus.INTERNAL_DOMAIN));
    }

    private static double scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
