package dev.quietlog.capture;

import dev.quietlog.app.ApiError;
import dev.quietlog.directory.EmailAddresses;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A rep's "don't log this thread": the thread's interactions leave the rep's log (an interaction
 * nobody else is linked to is deleted, with its contact and account rows), and the rep's later
 * captures of the thread are skipped. Thread ids belong to a mailbox, so a thread is named by
 * source, mailbox and thread id.
 */
public final class ExcludedThreads {
    public record Thread(String source, String mailbox, String threadId) {
    }

    public record Status(boolean excluded, long interactions, Instant lastCapturedAt) {
    }

    private final Jdbi jdbi;

    public ExcludedThreads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Checks the three names of a thread as a request gives them; a 400 names the bad one. */
    public static Thread thread(String source, String mailbox, String threadId) {
        EventLimits limits = EventLimits.get();
        if (source == null || !limits.emailSources().contains(source)) {
            throw ApiError.badRequest("source: must be one of "
                    + String.join(", ", limits.emailSources().stream().sorted().toList()));
        }
        String box = mailbox == null ? null : EmailAddresses.normalise(mailbox);
        if (box == null) {
            throw ApiError.badRequest("mailbox: not a valid email address");
        }
        String id = threadId == null ? "" : threadId.strip();
        if (id.isEmpty() || id.length() > limits.maxThreadIdChars() || ControlCharacters.in(id, false)) {
            throw ApiError.badRequest("threadId: required, at most " + limits.maxThreadIdChars()
                    + " characters, no control characters");
        }
        return new Thread(source, box, id);
    }

    /** Returns how many interactions left the rep's log. */
    public long exclude(UUID orgId, UUID userId, Thread t) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                            insert into excluded_threads (org_id, user_id, source, mailbox, thread_id)
                            values (:org, :user, :source, :mailbox, :thread) on conflict do nothing""")
                    .bind("org", orgId).bind("user", userId).bind("source", t.source())
                    .bind("mailbox", t.mailbox()).bind("thread", t.threadId()).execute();
            List<UUID> unlinked = h.createQuery("""
                            delete from interaction_links
                            where org_id = :org and user_id = :user and mailbox = :mailbox and thread_id = :thread
                            returning interaction_id""")
                    .bind("org", orgId).bind("user", userId).bind("mailbox", t.mailbox()).bind("thread", t.threadId())
                    .mapTo(UUID.class).list();
            deleteOrphans(h, orgId, unlinked);
            return (long) unlinked.size();
        });
    }

    public void include(UUID orgId, UUID userId, Thread t) {
        jdbi.useHandle(h -> h.createUpdate("""
                        delete from excluded_threads where org_id = :org and user_id = :user and source = :source
                          and mailbox = :mailbox and thread_id = :thread""")
                .bind("org", orgId).bind("user", userId).bind("source", t.source())
                .bind("mailbox", t.mailbox()).bind("thread", t.threadId()).execute());
    }

    public Status status(UUID orgId, UUID userId, Thread t) {
        return jdbi.withHandle(h -> h.createQuery("""
                        select exists (select 1 from excluded_threads where org_id = :org and user_id = :user
                                         and source = :source and mailbox = :mailbox and thread_id = :thread),
                               count(l.*), max(l.captured_at)
                        from interaction_links l
                        where l.org_id = :org and l.user_id = :user and l.mailbox = :mailbox and l.thread_id = :thread""")
                .bind("org", orgId).bind("user", userId).bind("source", t.source())
                .bind("mailbox", t.mailbox()).bind("thread", t.threadId())
                .map((rs, ctx) -> {
                    OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
                    return new Status(rs.getBoolean(1), rs.getLong(2), last == null ? null : last.toInstant());
                })
                .one());
    }

    /** Of the given threads, those the rep excluded. */
    static Set<Thread> excludedAmong(Handle h, UUID orgId, UUID userId, Collection<Thread> threads) {
        if (threads.isEmpty()) {
            return Set.of();
        }
        List<Thread> list = new ArrayList<>(new HashSet<>(threads));
        return new HashSet<>(h.createQuery("""
                        select e.source, e.mailbox, e.thread_id
                        from unnest(:sources, :mailboxes, :threads) as t(source, mailbox, thread_id)
                        join excluded_threads e on e.org_id = :org and e.user_id = :user and e.source = t.source
                                               and e.mailbox = t.mailbox and e.thread_id = t.thread_id""")
                .bind("org", orgId).bind("user", userId)
                .bindArray("sources", String.class, list.stream().map(Thread::source).toList())
                .bindArray("mailboxes", String.class, list.stream().map(Thread::mailbox).toList())
                .bindArray("threads", String.class, list.stream().map(Thread::threadId).toList())
                .map((rs, ctx) -> new Thread(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list());
    }

    /**
     * Interactions nobody is linked to any more are deleted with their keys and contact rows, so
     * contact and account counts (read from those rows) stay right. The keys are locked first, so
     * a capture joining one of them at this moment waits and then finds it gone.
     */
    private static void deleteOrphans(Handle h, UUID orgId, List<UUID> unlinked) {
        if (unlinked.isEmpty()) {
            return;
        }
        List<Map.Entry<UUID, OffsetDateTime>> orphans = h.createQuery("""
                        select k.interaction_id, k.occurred_at
                        from interaction_keys k
                        where k.org_id = :org and k.interaction_id = any(:ids)
                          and not exists (select 1 from interaction_links l
                                          where l.org_id = k.org_id and l.interaction_id = k.interaction_id)
                        order by k.dedup_key
                        for update""")
                .bind("org", orgId).bindArray("ids", UUID.class, unlinked)
                .map((rs, ctx) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class)))
                .list();
        if (orphans.isEmpty()) {
            return;
        }
        List<UUID> ids = orphans.stream().map(Map.Entry::getKey).distinct().toList();
        h.createUpdate("delete from interaction_contacts where org_id = :org and interaction_id = any(:ids)")
                .bind("org", orgId).bindArray("ids", UUID.class, ids).execute();
        h.createUpdate("delete from interaction_keys where org_id = :org and interaction_id = any(:ids)")
                .bind("org", orgId).bindArray("ids", UUID.class, ids).execute();
        var delete = h.prepareBatch("delete from interactions where org_id = :org and occurred_at = :occurred and id = :id");
        orphans.stream().distinct().forEach(o ->
                delete.bind("org", orgId).bind("occurred", o.getValue()).bind("id", o.getKey()).add());
        delete.execute();
    }
}
