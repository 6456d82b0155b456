package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applies versions of meetings that are already stored. A version is applied only when the rep
 * is the stored meeting's organizer or one of its attendees (a shared iCalUID is no licence to
 * rewrite someone else's meeting), and only when it is not older than the newest version seen.
 * The newest version seen advances even when nothing visible changed (Outlook raises SEQUENCE
 * for a description edit), so a late intermediate version cannot undo it; the row itself is
 * rewritten only when something visible changed.
 */
final class MeetingStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Decision {
        CREATED("created"), APPLIED("applied"), UNCHANGED("unchanged"), OLDER("older"), NOT_INVITED("not-invited");

        final String outcome;

        Decision(String outcome) {
            this.outcome = outcome;
        }
    }

    /** The reason given to a rep who is not on the stored meeting: it says nothing of it. */
    static final String NOT_INVITED_REASON =
            "not-invited: none of your addresses organises or attends this meeting, so your version is not applied";

    record Stored(UUID id, OffsetDateTime occurredAt, Visible visible, MeetingVersion version,
                          List<String> emails) {
    }

    /** What a person sees of a meeting: a version that changes none of these changes nothing shown. */
    private record Visible(Instant startsAt, Instant endsAt, String subject, String status, JsonNode participants,
                           boolean allDay, String timeZone) {
        static Visible of(PreparedInteraction p) {
            return new Visible(p.occurredAt(), p.endsAt(), p.subject(), p.status(), parse(p.participantsJson()),
                    p.meeting().allDay(), p.meeting().timeZone());
        }
    }

    /**
     * Keys whose meeting row is gone (a retention purge drops old partitions, not their keys) are
     * claimed again for this version, at its start, so that it is inserted as new.
     */
    void reclaim(Handle h, UUID orgId, List<PreparedInteraction> orphans) {
        if (orphans.isEmpty()) {
            return;
        }
        PreparedBatch b = h.prepareBatch(
                "update interaction_keys set occurred_at = :occurred::timestamptz where org_id = :org and dedup_key = :key");
        orphans.forEach(p -> b.bind("org", orgId).bind("key", p.dedupKey()).bind("occurred", p.occurredAt().toString()).add());
        b.execute();
    }

    /** Decides and writes each existing meeting's version; the decision per dedup key. */
    Map<String, Decision> reconcile(Handle h, UUID orgId, Collection<String> repAddresses,
                                    List<PreparedInteraction> existing, Map<String, UUID> idByKey,
                                    Map<UUID, Stored> stored) {
        Map<String, Decision> decisions = new HashMap<>();
        if (existing.isEmpty()) {
            return decisions;
        }
        PreparedBatch apply = h.prepareBatch("""
                update interactions
                set occurred_at = :occurred::timestamptz, ends_at = :ends::timestamptz, subject = :subject,
                    status = :status, participants = :participants::jsonb, all_day = :allDay, time_zone = :tz,
                    source_sequence = :seq, source_updated_at = :updated::timestamptz, updated_at = now()
                where org_id = :org and occurred_at = :storedStart and id = :id""");
        PreparedBatch advance = h.prepareBatch("""
                update interactions set source_sequence = :seq, source_updated_at = :updated::timestamptz
                where org_id = :org and occurred_at = :storedStart and id = :id""");
        PreparedBatch moveKeys = h.prepareBatch(
                "update interaction_keys set occurred_at = :occurred::timestamptz where org_id = :org and dedup_key = :key");
        for (PreparedInteraction p : existing) {
            Stored s = stored.get(idByKey.get(p.dedupKey()));
            MeetingVersion incoming = p.meeting().version();
            Decision d;
            if (repAddresses.stream().noneMatch(s.emails()::contains)) {
                d = Decision.NOT_INVITED;
            } else if (incoming.isOlderThan(s.version())) {
                d = Decision.OLDER;
            } else {
                d = Visible.of(p).equals(s.visible()) ? Decision.UNCHANGED : Decision.APPLIED;
            }
            decisions.put(p.dedupKey(), d);
            if (d == Decision.NOT_INVITED || d == Decision.OLDER) {
                continue;
            }
            MeetingVersion newest = incoming.over(s.version());
            PreparedBatch b = d == Decision.APPLIED ? apply : advance;
            b.bind("org", orgId).bind("storedStart", s.occurredAt()).bind("id", s.id())
                    .bind("seq", newest.sequence())
                    .bind("updated", newest.updatedAt() == null ? null : newest.updatedAt().toString());
            if (d == Decision.APPLIED) {
                b.bind("occurred", p.occurredAt().toString())
                        .bind("ends", p.endsAt().toString())
                        .bind("subject", p.subject())
                        .bind("status", p.status())
                        .bind("participants", p.participantsJson())
                        .bind("allDay", p.meeting().allDay())
                        .bind("tz", p.meeting().timeZone());
                if (!s.occurredAt().toInstant().equals(p.occurredAt())) {
                    moveKeys.bind("org", orgId).bind("key", p.dedupKey()).bind("occurred", p.occurredAt().toString()).add();
                }
            }
            b.add();
        }
        for (PreparedBatch b : List.of(apply, advance, moveKeys)) {
            if (b.size() > 0) {
                b.execute();
            }
        }
        return decisions;
    }

    /** The stored meetings, each found by its full primary key (org, start, id). */
    Map<UUID, Stored> read(Handle h, UUID orgId, List<PreparedInteraction> existing, Map<String, UUID> idByKey,
                                   Map<String, OffsetDateTime> storedStart) {
        Map<UUID, Stored> out = new HashMap<>();
        if (existing.isEmpty()) {
            return out;
        }
        List<UUID> ids = existing.stream().map(p -> idByKey.get(p.dedupKey())).toList();
        List<String> starts = existing.stream().map(p -> storedStart.get(p.dedupKey()).toInstant().toString()).toList();
        h.createQuery("""
                        select i.id, i.occurred_at, i.ends_at, i.subject, i.status, i.participants::text as participants,
                               coalesce(i.all_day, false) as all_day, i.time_zone, i.source_sequence, i.source_updated_at
                        from unnest(:starts, :ids) as k(occurred, id)
                        join interactions i on i.org_id = :org and i.occurred_at = k.occurred::timestamptz and i.id = k.id""")
                .bind("org", orgId)
                .bindArray("starts", String.class, starts)
                .bindArray("ids", UUID.class, ids)
                .map((rs, ctx) -> {
                    JsonNode participants = parse(rs.getString("participants"));
                    List<String> emails = new ArrayList<>();
                    participants.forEach(n -> emails.add(n.path("email").asText()));
                    OffsetDateTime updated = rs.getObject("source_updated_at", OffsetDateTime.class);
                    OffsetDateTime ends = rs.getObject("ends_at", OffsetDateTime.class);
                    OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
                    return new Stored(rs.getObject("id", UUID.class), occurred,
                            new Visible(occurred.toInstant(), ends == null ? null : ends.toInstant(),
                                    rs.getString("subject"), rs.getString("status"), participants,
                                    rs.getBoolean("all_day"), rs.getString("time_zone")),
                            new MeetingVersion((Integer) rs.getObject("source_sequence"),
                                    updated == null ? null : updated.toInstant()),
                            emails);
                })
                .forEach(s -> out.put(s.id(), s));
        return out;
    }

    /**
     * Keeps every version seen, whoever captured it and whatever was done with it; one row per
     * rep and distinct version, so a batch sent again adds nothing.
     */
    void recordVersions(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> versions,
                        Map<String, UUID> idByKey, Function<PreparedInteraction, Decision> decision) {
        if (versions.isEmpty()) {
            return;
        }
        PreparedBatch insert = h.prepareBatch("""
                insert into meeting_versions (org_id, interaction_id, user_id, version_hash, sequence, updated_at,
                                              starts_at, ends_at, status, subject, participants, outcome)
                values (:org, :id, :user, :hash, :seq, :updated::timestamptz, :starts::timestamptz, :ends::timestamptz,
                        :status, :subject, :participants::jsonb, :outcome)
                on conflict do nothing""");
        for (PreparedInteraction p : versions) {
            MeetingVersion v = p.meeting().version();
            insert.bind("org", orgId).bind("id", idByKey.get(p.dedupKey())).bind("user", userId)
                    .bind("hash", hash(p))
                    .bind("seq", v.sequence())
                    .bind("updated", v.updatedAt() == null ? null : v.updatedAt().toString())
                    .bind("starts", p.occurredAt().toString())
                    .bind("ends", p.endsAt().toString())
                    .bind("status", p.status())
                    .bind("subject", p.subject())
                    .bind("participants", p.participantsJson())
                    .bind("outcome", decision.apply(p).outcome)
                    .add();
        }
        insert.execute();
    }

    /**
     * Each rep's own answer, kept on their link from the newest version their calendar gave, so
     * that an old copy synced late does not turn a decline back into an acceptance.
     */
    void updateResponses(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> meetings,
                         Map<String, UUID> idByKey) {
        if (meetings.isEmpty()) {
            return;
        }
        PreparedBatch update = h.prepareBatch("""
                update interaction_links
                set response = :response, direction = :direction,
                    response_sequence = coalesce(cast(:seq as integer), response_sequence),
                    response_updated_at = coalesce(cast(:updated as timestamptz), response_updated_at)
                where org_id = :org and interaction_id = :id and user_id = :user
                  and not (case when cast(:seq as integer) is not null and response_sequence is not null
                                     and cast(:seq as integer) <> response_sequence
                                then cast(:seq as integer) < response_sequence
                                else response_updated_at is not null
                                     and (cast(:updated as timestamptz) is null
                                          or cast(:updated as timestamptz) < response_updated_at) end)""");
        for (PreparedInteraction p : meetings) {
            MeetingVersion v = p.meeting().version();
            update.bind("org", orgId).bind("id", idByKey.get(p.dedupKey())).bind("user", userId)
                    .bind("response", p.meeting().repResponse())
                    .bind("direction", p.direction())
                    .bind("seq", v.sequence())
                    .bind("updated", v.updatedAt() == null ? null : v.updatedAt().toString())
                    .add();
        }
        update.execute();
    }

    private static String hash(PreparedInteraction p) {
        MeetingVersion v = p.meeting().version();
        String canonical = String.join("\u0000", Objects.toString(v.sequence()), Objects.toString(v.updatedAt()),
                p.occurredAt().toString(), p.endsAt().toString(), p.status(), Objects.toString(p.subject()),
                Boolean.toString(p.meeting().allDay()), Objects.toString(p.meeting().timeZone()),
                parse(p.participantsJson()).toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
