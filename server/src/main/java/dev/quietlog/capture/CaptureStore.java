package dev.quietlog.capture;

import dev.quietlog.capture.PreparedInteraction.ContactRef;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes a batch with a handful of set-based statements whatever its size. Every lock is taken
 * in one global order (keys sorted, emails before meetings, then accounts and contacts sorted),
 * so concurrent batches that share interactions or contacts cannot deadlock; ON CONFLICT makes
 * the same event posted by many requests at once land once.
 */
final class CaptureStore {

    /**
     * What happened to one written interaction (same order as the input). A skipped one (a rep
     * not among the stored email's participants, or not on the stored meeting) names no
     * interaction, since the interaction belongs to others.
     */
    record Outcome(UUID interactionId, boolean created, boolean updated, boolean newLink, boolean older,
                   String skipReason, String dataError) {
        static Outcome skipped(String reason) {
            return new Outcome(null, false, false, false, false, reason, null);
        }

        /** PostgreSQL refused a value of this event (SQLSTATE class 22); nothing of it was written. */
        static Outcome dataError(String sqlState) {
            return new Outcome(null, false, false, false, false, null, sqlState);
        }
    }

    private final MeetingStore meetings = new MeetingStore();

    /**
     * Input: one event per dedup key (for a meeting, the batch's newest version), the capturing
     * rep's own addresses, and the versions of meetings the batch superseded, which are only recorded.
     */
    List<Outcome> write(Handle h, UUID orgId, UUID userId, List<String> repAddresses,
                        List<PreparedInteraction> batch, List<PreparedInteraction> superseded) {
        List<PreparedInteraction> all = new ArrayList<>(batch);
        all.sort(Comparator.comparing(PreparedInteraction::dedupKey));

        Map<String, UUID> idByKey = new HashMap<>();
        Set<String> created = new HashSet<>();
        claimEmailKeys(h, orgId, all.stream().filter(p -> !p.updatable()).toList(), idByKey, created);
        Set<String> refused = refusedEmailJoins(h, orgId, userId, repAddresses, all, idByKey, created);
        List<PreparedInteraction> sorted = all.stream().filter(p -> !refused.contains(p.dedupKey())).toList();
        Map<String, OffsetDateTime> storedStart =
                lockMeetingKeys(h, orgId, sorted.stream().filter(PreparedInteraction::updatable).toList(), idByKey, created);

        List<PreparedInteraction> locked = sorted.stream()
                .filter(p -> p.updatable() && !created.contains(p.dedupKey())).toList();
        Map<UUID, MeetingStore.Stored> stored = meetings.read(h, orgId, locked, idByKey, storedStart);
        List<PreparedInteraction> orphans = locked.stream()
                .filter(p -> !stored.containsKey(idByKey.get(p.dedupKey()))).toList();
        meetings.reclaim(h, orgId, orphans);
        orphans.forEach(p -> created.add(p.dedupKey()));

        List<PreparedInteraction> fresh = sorted.stream().filter(p -> created.contains(p.dedupKey())).toList();
        insertInteractions(h, orgId, fresh, idByKey);
        Map<String, MeetingStore.Decision> decisions = meetings.reconcile(h, orgId, repAddresses,
                locked.stream().filter(p -> !created.contains(p.dedupKey())).toList(), idByKey, stored);
        Set<UUID> updated = new HashSet<>();
        decisions.forEach((key, d) -> {
            if (d == MeetingStore.Decision.APPLIED) {
                updated.add(idByKey.get(key));
            }
        });
        Function<PreparedInteraction, MeetingStore.Decision> decision = p ->
                created.contains(p.dedupKey()) ? MeetingStore.Decision.CREATED : decisions.get(p.dedupKey());
        List<PreparedInteraction> admitted = sorted.stream()
                .filter(p -> decision.apply(p) != MeetingStore.Decision.NOT_INVITED).toList();

        List<PreparedInteraction> contactsChanged = admitted.stream()
                .filter(p -> created.contains(p.dedupKey()) || updated.contains(idByKey.get(p.dedupKey())))
                .toList();
        upsertContacts(h, orgId, contactsChanged);
        writeInteractionContacts(h, orgId, contactsChanged, idByKey, updated);
        Set<UUID> newLinks = insertLinks(h, orgId, userId, admitted, idByKey);
        meetings.updateResponses(h, orgId, userId, admitted.stream().filter(PreparedInteraction::updatable).toList(),
                idByKey);
        meetings.recordVersions(h, orgId, userId, sorted.stream().filter(PreparedInteraction::updatable).toList(),
                idByKey, decision);
        meetings.recordVersions(h, orgId, userId, superseded.stream().filter(PreparedInteraction::updatable).toList(),
                idByKey, p -> decision.apply(p) == MeetingStore.Decision.NOT_INVITED
                        ? MeetingStore.Decision.NOT_INVITED : MeetingStore.Decision.OLDER);

        List<Outcome> out = new ArrayList<>(batch.size());
        for (PreparedInteraction p : batch) {
            if (refused.contains(p.dedupKey())) {
                out.add(Outcome.skipped(CaptureService.NOT_A_PARTICIPANT));
                continue;
            }
            UUID id = idByKey.get(p.dedupKey());
            MeetingStore.Decision d = p.updatable() ? decision.apply(p) : null;
            if (d == MeetingStore.Decision.NOT_INVITED) {
                out.add(Outcome.skipped(MeetingStore.NOT_INVITED_REASON));
            } else {
                out.add(new Outcome(id, created.contains(p.dedupKey()), updated.contains(id), newLinks.contains(id),
                        d == MeetingStore.Decision.OLDER, null, null));
            }
        }
        return out;
    }

    /** The emails of the batch that exist already and that this rep may not join. */
    private Set<String> refusedEmailJoins(Handle h, UUID orgId, UUID userId, Collection<String> repAddresses,
                                          List<PreparedInteraction> sorted, Map<String, UUID> idByKey,
                                          Set<String> created) {
        List<String> existing = sorted.stream().filter(p -> !p.updatable()).map(PreparedInteraction::dedupKey)
                .filter(k -> !created.contains(k)).toList();
        if (existing.isEmpty()) {
            return Set.of();
        }
        Set<String> refused = new HashSet<>(existing);
        refused.removeAll(keysTheRepMayJoin(h, orgId, userId, repAddresses, existing));
        return refused;
    }

    /**
     * The one rule for joining an interaction another capture already stored: the rep is linked
     * to it already, or one of the rep's addresses is among its stored participants (from, to,
     * cc, bcc; organizer, attendees). Otherwise a shared identifier (a Message-ID, an iCalUID)
     * learned elsewhere would open someone else's record. Keys that do not exist are not returned.
     */
    static Set<String> keysTheRepMayJoin(Handle h, UUID orgId, UUID userId, Collection<String> repAddresses,
                                         Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(h.createQuery("""
                        select k.dedup_key
                        from interaction_keys k
                        join interactions i on i.org_id = k.org_id and i.occurred_at = k.occurred_at
                                           and i.id = k.interaction_id
                        where k.org_id = :org and k.dedup_key = any(:keys)
                          and (exists (select 1 from interaction_links l
                                       where l.org_id = k.org_id and l.interaction_id = k.interaction_id
                                         and l.user_id = :user)
                               or exists (select 1 from jsonb_array_elements(i.participants) p
                                          where p ->> 'email' = any(:addresses)))""")
                .bind("org", orgId)
                .bindArray("keys", String.class, new ArrayList<>(keys))
                .bind("user", userId)
                .bindArray("addresses", String.class, new ArrayList<>(repAddresses))
                .mapTo(String.class).list());
    }

    /** Emails: claim new keys, and read the ids of keys other captures already hold. */
    private void claimEmailKeys(Handle h, UUID orgId, List<PreparedInteraction> emails,
                                Map<String, UUID> idByKey, Set<String> created) {
        if (emails.isEmpty()) {
            return;
        }
        List<String> keys = emails.stream().map(PreparedInteraction::dedupKey).toList();
        List<UUID> candidates = emails.stream().map(p -> UUID.randomUUID()).toList();
        h.createQuery("""
                        insert into interaction_keys (org_id, dedup_key, interaction_id, occurred_at)
                        select :org, k.key, k.id, k.occurred::timestamptz
                        from unnest(:keys, :ids, :occurred) with ordinality as k(key, id, occurred, n)
                        order by k.n
                        on conflict (org_id, dedup_key) do nothing
                        returning dedup_key, interaction_id""")
                .bind("org", orgId)
                .bindArray("keys", String.class, keys)
                .bindArray("ids", UUID.class, candidates)
                .bindArray("occurred", String.class, emails.stream().map(p -> p.occurredAt().toString()).toList())
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                .forEach(e -> {
                    idByKey.put(e.getKey(), e.getValue());
                    created.add(e.getKey());
                });
        List<String> existing = keys.stream().filter(k -> !created.contains(k)).toList();
        if (!existing.isEmpty()) {
            h.createQuery("select dedup_key, interaction_id from interaction_keys where org_id = :org and dedup_key = any(:keys)")
                    .bind("org", orgId)
                    .bindArray("keys", String.class, existing)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                    .forEach(e -> idByKey.put(e.getKey(), e.getValue()));
        }
    }

    /**
     * Meetings: claim or lock every key, so two reps' versions of one meeting are applied one
     * after the other rather than interleaved. (xmax = 0) tells a fresh row from a locked one.
     */
    private Map<String, OffsetDateTime> lockMeetingKeys(Handle h, UUID orgId, List<PreparedInteraction> meetings,
                                                        Map<String, UUID> idByKey, Set<String> created) {
        Map<String, OffsetDateTime> storedStart = new HashMap<>();
        if (meetings.isEmpty()) {
            return storedStart;
        }
        h.createQuery("""
                        insert into interaction_keys (org_id, dedup_key, interaction_id, occurred_at)
                        select :org, k.key, k.id, k.occurred::timestamptz
                        from unnest(:keys, :ids, :occurred) with ordinality as k(key, id, occurred, n)
                        order by k.n
                        on conflict (org_id, dedup_key) do update set dedup_key = excluded.dedup_key
                        returning dedup_key, interaction_id, occurred_at, (xmax = 0) as inserted""")
                .bind("org", orgId)
                .bindArray("keys", String.class, meetings.stream().map(PreparedInteraction::dedupKey).toList())
                .bindArray("ids", UUID.class, meetings.stream().map(p -> UUID.randomUUID()).toList())
                .bindArray("occurred", String.class, meetings.stream().map(p -> p.occurredAt().toString()).toList())
                .map((rs, ctx) -> {
                    String key = rs.getString(1);
                    idByKey.put(key, rs.getObject(2, UUID.class));
                    storedStart.put(key, rs.getObject(3, OffsetDateTime.class));
                    if (rs.getBoolean(4)) {
                        created.add(key);
                    }
                    return key;
                })
                .list();
        return storedStart;
    }

    private void insertInteractions(Handle h, UUID orgId, List<PreparedInteraction> fresh, Map<String, UUID> idByKey) {
        if (fresh.isEmpty()) {
            return;
        }
        Columns c = new Columns(fresh, idByKey);
        h.createUpdate("""
                        insert into interactions (org_id, id, kind, source, occurred_at, ends_at, subject, snippet,
                                                  thread_id, status, participants, source_sequence, source_updated_at,
                                                  ical_uid, recurrence_id, all_day, time_zone)
                        select :org, id, kind, source, occurred::timestamptz, ends::timestamptz, subject, snippet,
                               thread, status, participants::jsonb, seq, updated::timestamptz,
                               ical_uid, recurrence_id, all_day, time_zone
                        from unnest(:ids, :kinds, :sources, :occurred, :ends, :subjects, :snippets, :threads,
                                    :statuses, :participants, :sequences, :updated,
                                    :icalUids, :recurrenceIds, :allDays, :timeZones)
                             as t(id, kind, source, occurred, ends, subject, snippet, thread, status, participants,
                                  seq, updated, ical_uid, recurrence_id, all_day, time_zone)""")
                .bind("org", orgId)
                .bindArray("ids", UUID.class, c.ids)
                .bindArray("kinds", String.class, c.kinds)
                .bindArray("sources", String.class, c.sources)
                .bindArray("occurred", String.class, c.occurred)
                .bindArray("ends", String.class, c.ends)
                .bindArray("subjects", String.class, c.subjects)
                .bindArray("snippets", String.class, c.snippets)
                .bindArray("threads", String.class, c.threads)
                .bindArray("statuses", String.class, c.statuses)
                .bindArray("participants", String.class, c.participants)
                .bindArray("sequences", Integer.class, c.sequences)
                .bindArray("updated", String.class, c.updated)
                .bindArray("icalUids", String.class, c.icalUids)
                .bindArray("recurrenceIds", String.class, c.recurrenceIds)
                .bindArray("allDays", Boolean.class, c.allDays)
                .bindArray("timeZones", String.class, c.timeZones)
                .execute();
    }

    /** New accounts and contacts; a contact with no name yet takes the first real one seen. */
    private void upsertContacts(Handle h, UUID orgId, List<PreparedInteraction> changed) {
        TreeMap<String, ContactRef> contacts = new TreeMap<>();
        for (PreparedInteraction p : changed) {
            for (ContactRef c : p.contacts()) {
                contacts.merge(c.email(), c, (a, b) -> a.name() != null ? a : b);
            }
        }
        if (contacts.isEmpty()) {
            return;
        }
        List<String> domains = contacts.values().stream().map(ContactRef::accountDomain)
                .filter(d -> d != null).distinct().sorted().toList();
        if (!domains.isEmpty()) {
            h.createUpdate("""
                            insert into accounts (org_id, domain)
                            select :org, d.domain from unnest(:domains) with ordinality as d(domain, n) order by d.n
                            on conflict do nothing""")
                    .bind("org", orgId).bindArray("domains", String.class, domains).execute();
        }
        List<String> emails = new ArrayList<>(contacts.keySet());
        List<String> names = contacts.values().stream().map(ContactRef::name).toList();
        List<String> accounts = contacts.values().stream().map(ContactRef::accountDomain).toList();
        h.createUpdate("""
                        insert into contacts (org_id, email, name, account_domain)
                        select :org, c.email, c.name, c.account from unnest(:emails, :names, :accounts)
                               with ordinality as c(email, name, account, n)
                        order by c.n
                        on conflict do nothing""")
                .bind("org", orgId)
                .bindArray("emails", String.class, emails)
                .bindArray("names", String.class, names)
                .bindArray("accounts", String.class, accounts)
                .execute();
        fillMissingNames(h, orgId, contacts);
    }

    /** A contact stored without a name takes the first real one seen (looked up by primary key). */
    private void fillMissingNames(Handle h, UUID orgId, TreeMap<String, ContactRef> contacts) {
        List<String> named = contacts.values().stream().filter(c -> c.name() != null).map(ContactRef::email).toList();
        if (named.isEmpty()) {
            return;
        }
        List<String> nameless = h.createQuery(
                        "select email from contacts where org_id = :org and email = any(:emails) and name is null order by email")
                .bind("org", orgId).bindArray("emails", String.class, named)
                .mapTo(String.class).list();
        if (nameless.isEmpty()) {
            return;
        }
        PreparedBatch fill = h.prepareBatch(
                "update contacts set name = :name where org_id = :org and email = :email and name is null");
        nameless.forEach(email -> fill.bind("org", orgId).bind("email", email).bind("name", contacts.get(email).name()).add());
        fill.execute();
    }

    /** Who took part in each new or changed interaction, for contact and account timelines. */
    private void writeInteractionContacts(Handle h, UUID orgId, List<PreparedInteraction> changed,
                                          Map<String, UUID> idByKey, Set<UUID> updated) {
        if (!updated.isEmpty()) {
            h.createUpdate("delete from interaction_contacts where org_id = :org and interaction_id = any(:ids)")
                    .bind("org", orgId).bindArray("ids", UUID.class, new ArrayList<>(updated)).execute();
        }
        List<UUID> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> occurred = new ArrayList<>();
        for (PreparedInteraction p : changed) {
            for (ContactRef c : p.contacts()) {
                ids.add(idByKey.get(p.dedupKey()));
                emails.add(c.email());
                accounts.add(c.accountDomain());
                occurred.add(p.occurredAt().toString());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        h.createUpdate("""
                        insert into interaction_contacts (org_id, interaction_id, email, account_domain, occurred_at)
                        select :org, id, email, account, occurred::timestamptz
                        from unnest(:ids, :emails, :accounts, :occurred) as t(id, email, account, occurred)
                        on conflict do nothing""")
                .bind("org", orgId)
                .bindArray("ids", UUID.class, ids)
                .bindArray("emails", String.class, emails)
                .bindArray("accounts", String.class, accounts)
                .bindArray("occurred", String.class, occurred)
                .execute();
    }

    private Set<UUID> insertLinks(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> sorted,
                                  Map<String, UUID> idByKey) {
        TreeMap<UUID, PreparedInteraction> byId = new TreeMap<>();
        for (PreparedInteraction p : sorted) {
            byId.putIfAbsent(idByKey.get(p.dedupKey()), p);
        }
        return new HashSet<>(h.createQuery("""
                        insert into interaction_links (org_id, interaction_id, user_id, direction, source_id)
                        select :org, l.id, :user, l.direction, l.source_id
                        from unnest(:ids, :directions, :sourceIds) with ordinality as l(id, direction, source_id, n)
                        order by l.n
                        on conflict (org_id, interaction_id, user_id) do nothing
                        returning interaction_id""")
                .bind("org", orgId)
                .bind("user", userId)
                .bindArray("ids", UUID.class, new ArrayList<>(byId.keySet()))
                .bindArray("directions", String.class, byId.values().stream().map(PreparedInteraction::direction).toList())
                .bindArray("sourceIds", String.class, byId.values().stream().map(PreparedInteraction::sourceId).toList())
                .mapTo(UUID.class).list());
    }

    /** The batch turned column-wise, as unnest() takes it. */
    private static final class Columns {
        final List<UUID> ids = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> occurred = new ArrayList<>();
        final List<String> ends = new ArrayList<>();
        final List<String> subjects = new ArrayList<>();
        final List<String> snippets = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        final List<String> participants = new ArrayList<>();
        final List<Integer> sequences = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> icalUids = new ArrayList<>();
        final List<String> recurrenceIds = new ArrayList<>();
        final List<Boolean> allDays = new ArrayList<>();
        final List<String> timeZones = new ArrayList<>();

        Columns(List<PreparedInteraction> rows, Map<String, UUID> idByKey) {
            for (PreparedInteraction p : rows) {
                ids.add(idByKey.get(p.dedupKey()));
                kinds.add(p.kind());
                sources.add(p.source());
                occurred.add(p.occurredAt().toString());
                ends.add(p.endsAt() == null ? null : p.endsAt().toString());
                subjects.add(p.subject());
                snippets.add(p.snippet());
                threads.add(p.threadId());
                statuses.add(p.status());
                participants.add(p.participantsJson());
                sequences.add(p.sourceSequence());
                updated.add(p.sourceUpdatedAt() == null ? null : p.sourceUpdatedAt().toString());
                icalUids.add(p.meeting() == null ? null : p.meeting().iCalUid());
                recurrenceIds.add(p.meeting() == null ? null : p.meeting().recurrenceId());
                allDays.add(p.meeting() == null ? null : p.meeting().allDay());
                timeZones.add(p.meeting() == null ? null : p.meeting().timeZone());
            }
        }
    }
}
