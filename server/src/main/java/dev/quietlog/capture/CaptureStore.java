package dev.quietlog.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes a batch with a handful of set-based statements whatever its size. Keys are claimed
 * in sorted order so concurrent batches that share interactions cannot deadlock, and
 * ON CONFLICT makes the same event posted by many requests at once land once.
 */
final class CaptureStore {

    /** Per prepared interaction (same order): the interaction's id and whether this rep's link is new. */
    record Outcome(UUID interactionId, boolean newLink) {
    }

    List<Outcome> write(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> batch) {
        List<PreparedInteraction> sorted = new ArrayList<>(batch);
        sorted.sort((a, b) -> a.dedupKey().compareTo(b.dedupKey()));

        List<String> keys = new ArrayList<>();
        List<UUID> candidateIds = new ArrayList<>();
        for (PreparedInteraction p : sorted) {
            keys.add(p.dedupKey());
            candidateIds.add(UUID.randomUUID());
        }
        Set<String> claimed = new HashSet<>(h.createQuery("""
                        insert into interaction_keys (org_id, dedup_key, interaction_id)
                        select :org, k.key, k.id from unnest(:keys, :ids) with ordinality as k(key, id, n)
                        order by k.n
                        on conflict (org_id, dedup_key) do nothing
                        returning dedup_key""")
                .bind("org", orgId)
                .bindArray("keys", String.class, keys)
                .bindArray("ids", UUID.class, candidateIds)
                .mapTo(String.class).list());

        Map<String, UUID> idByKey = new HashMap<>();
        h.createQuery("select dedup_key, interaction_id from interaction_keys where org_id = :org and dedup_key = any(:keys)")
                .bind("org", orgId)
                .bindArray("keys", String.class, keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                .forEach(e -> idByKey.put(e.getKey(), e.getValue()));

        insertInteractions(h, orgId, sorted.stream().filter(p -> claimed.contains(p.dedupKey())).toList(), idByKey);
        Set<UUID> newLinks = insertLinks(h, orgId, userId, sorted, idByKey);

        List<Outcome> out = new ArrayList<>(batch.size());
        for (PreparedInteraction p : batch) {
            UUID id = idByKey.get(p.dedupKey());
            out.add(new Outcome(id, newLinks.contains(id)));
        }
        return out;
    }

    private void insertInteractions(Handle h, UUID orgId, List<PreparedInteraction> fresh, Map<String, UUID> idByKey) {
        if (fresh.isEmpty()) {
            return;
        }
        int n = fresh.size();
        List<UUID> ids = new ArrayList<>(n);
        List<String> kinds = new ArrayList<>(n);
        List<String> sources = new ArrayList<>(n);
        List<String> occurred = new ArrayList<>(n);
        List<String> ends = new ArrayList<>(n);
        List<String> subjects = new ArrayList<>(n);
        List<String> snippets = new ArrayList<>(n);
        List<String> threads = new ArrayList<>(n);
        List<String> statuses = new ArrayList<>(n);
        List<String> participants = new ArrayList<>(n);
        for (PreparedInteraction p : fresh) {
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
        }
        h.createUpdate("""
                        insert into interactions (org_id, id, kind, source, occurred_at, ends_at, subject, snippet,
                                                  thread_id, status, participants)
                        select :org, id, kind, source, occurred::timestamptz, ends::timestamptz, subject, snippet,
                               thread, status, participants::jsonb
                        from unnest(:ids, :kinds, :sources, :occurred, :ends, :subjects, :snippets, :threads,
                                    :statuses, :participants)
                             as t(id, kind, source, occurred, ends, subject, snippet, thread, status, participants)""")
                .bind("org", orgId)
                .bindArray("ids", UUID.class, ids)
                .bindArray("kinds", String.class, kinds)
                .bindArray("sources", String.class, sources)
                .bindArray("occurred", String.class, occurred)
                .bindArray("ends", String.class, ends)
                .bindArray("subjects", String.class, subjects)
                .bindArray("snippets", String.class, snippets)
                .bindArray("threads", String.class, threads)
                .bindArray("statuses", String.class, statuses)
                .bindArray("participants", String.class, participants)
                .execute();
    }

    private Set<UUID> insertLinks(Handle h, UUID orgId, UUID userId, List<PreparedInteraction> sorted,
                                  Map<String, UUID> idByKey) {
        Map<UUID, PreparedInteraction> byId = new java.util.TreeMap<>();
        for (PreparedInteraction p : sorted) {
            byId.putIfAbsent(idByKey.get(p.dedupKey()), p);
        }
        List<UUID> ids = new ArrayList<>(byId.keySet());
        List<String> directions = byId.values().stream().map(PreparedInteraction::direction).toList();
        List<String> sourceIds = byId.values().stream().map(PreparedInteraction::sourceId).toList();
        return new HashSet<>(h.createQuery("""
                        insert into interaction_links (org_id, interaction_id, user_id, direction, source_id)
                        select :org, l.id, :user, l.direction, l.source_id
                        from unnest(:ids, :directions, :sourceIds) with ordinality as l(id, direction, source_id, n)
                        order by l.n
                        on conflict (org_id, interaction_id, user_id) do nothing
                        returning interaction_id""")
                .bind("org", orgId)
                .bind("user", userId)
                .bindArray("ids", UUID.class, ids)
                .bindArray("directions", String.class, directions)
                .bindArray("sourceIds", String.class, sourceIds)
                .mapTo(UUID.class).list());
    }
}
