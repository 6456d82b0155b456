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
        Map<String, OffsetDateTime> occurredByKey = new HashMap<>();
        Set<String> created = new HashSet<>();
        Map<String, StoredKey> provisional = new HashMap<>();
        Set<String> rekeyed = new HashSet<>();
        claimEmailKeys(h, orgId, all.stream().filter(p -> !p.updatable()).toList(), idByKey, occurredByKey, created,
                rekeyed, provisional);
        Set<String> refused = refusedEmailJoins(h, orgId, userId, repAddresses, all, idByKey, created);
        // A refused capture leaves no trace: not even the Message-ID it tried to pin on a provisional email.
        List<String> unclaim = refused.stream().filter(rekeyed::contains).toList();
        if (!unclaim.isEmpty()) {
            h.createUpdate("delete from interaction_keys where org_id = :org and dedup_key = any(:keys)")
                    .bind("org", orgId).bindArray("keys", String.class, unclaim).execute();
        }
        List<PreparedInteraction> sorted = all.stream().filter(p -> !refused.contains(p.dedupKey())).toList();
        for (PreparedInteraction p : sorted) {
            StoredKey from = provisional.get(p.dedupKey());
            if (from != null) {
                mergeProvisional(h, orgId, userId, p.providerKey(), from, idByKey.get(p.dedupKey()),
                        occurredByKey.get(p.dedupKey()));
            }
        }
        claimProviderKeys(h, orgId, sorted.stream().filter(p -> !p.updatable()).toList(), idByKey, occurredByKey);
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

    /** Where a stored key points: the interaction and its time (the partition column). */
    record StoredKey(UUID id, OffsetDateTime occurredAt) {
    }

    /**
     * Emails: claim new keys, and read the ids of keys other captures already hold. An email
     * that now comes with its Message-ID but was stored before without one (keyed by its
     * provider id) takes over that provisional interaction: the Message-ID key is pointed at it,
     * or, when another capture already holds the Message-ID, it is merged into that one later
     * ({@code provisional}: Message-ID key to the provisional interaction to merge).
     */
    private void claimEmailKeys(Handle h, UUID orgId, List<PreparedInteraction> emails, Map<String, UUID> idByKey,
                                Map<String, OffsetDateTime> occurredByKey, Set<String> created,
                                Set<String> rekeyed, Map<String, StoredKey> provisional) {
        if (emails.isEmpty()) {
            return;
        }
        Map<String, StoredKey> earlier = storedKeys(h, orgId,
                emails.stream().map(PreparedInteraction::providerKey).filter(k -> k != null).toList());
        List<String> keys = emails.stream().map(PreparedInteraction::dedupKey).toList();
        List<UUID> candidates = new ArrayList<>();
        List<String> occurred = new ArrayList<>();
        for (PreparedInteraction p : emails) {
            StoredKey prior = p.providerKey() == null ? null : earlier.get(p.providerKey());
            candidates.add(prior == null ? UUID.randomUUID() : prior.id());
            occurred.add(prior == null ? p.occurredAt().toString() : prior.occurredAt().toInstant().toString());
        }
        h.createQuery("""
                        insert into interaction_keys (org_id, dedup_key, interaction_id, occurred_at)
                        select :org, k.key, k.id, k.occurred::timestamptz
                        from unnest(:keys, :ids, :occurred) with ordinality as k(key, id, occurred, n)
                        order by k.n
                        on conflict (org_id, dedup_key) do nothing
                        returning dedup_key, interaction_id, occurred_at""")
                .bind("org", orgId)
                .bindArray("keys", String.class, keys)
                .bindArray("ids", UUID.class, candidates)
                .bindArray("occurred", String.class, occurred)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class)})
                .forEach(r -> {
                    idByKey.put((String) r[0], (UUID) r[1]);
                    occurredByKey.put((String) r[0], (OffsetDateTime) r[2]);
                });
        for (PreparedInteraction p : emails) {
            boolean claimed = idByKey.containsKey(p.dedupKey());
            boolean hadProvisional = p.providerKey() != null && earlier.containsKey(p.providerKey());
            if (claimed && !hadProvisional) {
                created.add(p.dedupKey());
            } else if (claimed) {
                rekeyed.add(p.dedupKey());
            }
        }
        List<String> existing = keys.stream().filter(k -> !idByKey.containsKey(k)).toList();
        storedKeys(h, orgId, existing).forEach((k, v) -> {
            idByKey.put(k, v.id());
            occurredByKey.put(k, v.occurredAt());
        });
        for (PreparedInteraction p : emails) {
            StoredKey prior = p.providerKey() == null ? null : earlier.get(p.providerKey());
            if (prior != null && !prior.id().equals(idByKey.get(p.dedupKey()))) {
                provisional.put(p.dedupKey(), prior);
            }
        }
    }

    private static Map<String, StoredKey> storedKeys(Handle h, UUID orgId, List<String> keys) {
        Map<String, StoredKey> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        h.createQuery("""
                        select dedup_key, interaction_id, occurred_at from interaction_keys
                        where org_id = :org and dedup_key = any(:keys)""")
                .bind("org", orgId)
                .bindArray("keys", String.class, keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1),
                        new StoredKey(rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * One email stored twice, once provisionally under its provider id and once under its
     * Message-ID, becomes one: the provisional one's links move over, it is deleted, and its
     * provider key points at the survivor from now on. The capturing rep's own link is not moved
     * but written anew by this capture, so what derives from links (the rollups) sees it.
     */
    private void mergeProvisional(Handle h, UUID orgId, UUID userId, String providerKey, StoredKey from, UUID to,
                                  OffsetDateTime toOccurred) {
        h.createUpdate("""
                        insert into interaction_links (org_id, interaction_id, user_id, direction, source_id, captured_at,
                                                       mailbox, thread_id)
                        select org_id, :to, user_id, direction, source_id, captured_at, mailbox, thread_id
                        from interaction_links where org_id = :org and interaction_id = :from and user_id <> :user
                        on conflict (org_id, interaction_id, user_id) do nothing""")
                .bind("org", orgId).bind("from", from.id()).bind("to", to).bind("user", userId).execute();
        h.createUpdate("delete from interaction_links where org_id = :org and interaction_id = :from")
                .bind("org", orgId).bind("from", from.id()).execute();
        h.createUpdate("delete from interaction_contacts where org_id = :org and interaction_id = :from")
                .bind("org", orgId).bind("from", from.id()).execute();
        h.createUpdate("delete from interactions where org_id = :org and occurred_at = :occurred and id = :from")
                .bind("org", orgId).bind("occurred", from.occurredAt()).bind("from", from.id()).execute();
        h.createUpdate("""
                        update interaction_keys set interaction_id = :to, occurred_at = :occurred
                        where org_id = :org and dedup_key = :key and interaction_id = :from""")
                .bind("org", orgId).bind("key", providerKey).bind("from", from.id()).bind("to", to)
                .bind("occurred", toOccurred).execute();
    }

    /** A full email's provider key points at it too, so its provisional copy arriving later is a duplicate. */
    private void claimProviderKeys(Handle h, UUID orgId, List<PreparedInteraction> emails, Map<String, UUID> idByKey,
                                   Map<String, OffsetDateTime> occurredByKey) {
        List<PreparedInteraction> full = emails.stream().filter(p -> p.providerKey() != null).toList();
        if (full.isEmpty()) {
            return;
        }
        h.createUpdate("""
                        insert into interaction_keys (org_id, dedup_key, interaction_id, occurred_at)
                        select :org, k.key, k.id, k.occurred
                        from unnest(:keys, :ids, :occurred) with ordinality as k(key, id, occurred, n)
                        order by k.n
                        on conflict (org_id, dedup_key) do nothing""")
                .bind("org", orgId)
                .bindArray("keys", String.class, full.stream().map(PreparedInteraction::providerKey).toList())
                .bindArray("ids", UUID.class, full.stream().map(p -> idByKey.get(p.dedupKey())).toList())
                .bindArray("occurred", OffsetDateTime.class,
                        full.stream().map(p -> occurredByKey.get(p.dedupKey())).toList())
                .execute();
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

    /** The rep's link to each interaction, with where the rep saw it (for taking a thread out of the log). */
    private Set<UUID> insertLinks(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> sorted,
                                  Map<String, UUID> idByKey) {
        TreeMap<UUID, PreparedInteraction> byId = new TreeMap<>();
        for (PreparedInteraction p : sorted) {
            byId.putIfAbsent(idByKey.get(p.dedupKey()), p);
        }
        List<PreparedInteraction> links = new ArrayList<>(byId.values());
        return new HashSet<>(h.createQuery("""
                        insert into interaction_links (org_id, interaction_id, user_id, direction, source_id,
                                                       mailbox, thread_id)
                        select :org, l.id, :user, l.direction, l.source_id, l.mailbox, l.thread_id
                        from unnest(:ids, :directions, :sourceIds, :mailboxes, :threads)
                             with ordinality as l(id, direction, source_id, mailbox, thread_id, n)
                        order by l.n
                        on conflict (org_id, interaction_id, user_id) do nothing
                        returning interaction_id""")
                .bind("org", orgId)
                .bind("user", userId)
                .bindArray("ids", UUID.class, new ArrayList<>(byId.keySet()))
                .bindArray("directions", String.class, links.stream().map(PreparedInteraction::direction).toList())
                .bindArray("sourceIds", String.class, links.stream().map(PreparedInteraction::sourceId).toList())
                .bindArray("mailboxes", String.class, links.stream().map(PreparedInteraction::mailbox).toList())
                .bindArray("threads", String.class, links.stream().map(PreparedInteraction::threadId).toList())
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
