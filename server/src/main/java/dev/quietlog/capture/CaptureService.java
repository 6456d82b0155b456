package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Principal;
import dev.quietlog.capture.PreparedInteraction.ContactRef;
import dev.quietlog.db.SqlStates;
import dev.quietlog.directory.EmailAddresses;
import dev.quietlog.directory.PolicyService;
import dev.quietlog.directory.UserAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns a batch of raw captures into stored interactions: validates each event on its own
 * (a bad one is rejected with the field named, the rest go on), drops what is not a customer
 * interaction, strips what the org's capture level excludes, and writes the rest in one
 * transaction. Results are answered only after that transaction commits.
 */
public final class CaptureService {
    public static final int MAX_EVENTS = EventLimits.get().maxEventsPerBatch();
    /** Says nothing of the stored email: not who is on it, not when, not its id. */
    static final String NOT_A_PARTICIPANT = "not-a-participant: this email is already logged and you are not on it";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PolicyService policies;
    private final UserAddresses addresses;
    private final FreeMailDomains freeMail = FreeMailDomains.get();
    private final CaptureStore store = new CaptureStore();
    private final AfterWrite afterWrite;

    /**
     * Runs inside the capture transaction with the identities (dedup keys) of the interactions
     * it created, changed or newly linked, so derived data (the dashboard's rollups) commits
     * or rolls back with them.
     */
    @FunctionalInterface
    public interface AfterWrite {
        void written(Handle h, UUID orgId, List<String> changedKeys);
    }

    public CaptureService(Jdbi jdbi, ObjectMapper json, PolicyService policies, UserAddresses addresses,
                          AfterWrite afterWrite) {
        this.jdbi = jdbi;
        this.json = json;
        this.policies = policies;
        this.addresses = addresses;
        this.afterWrite = afterWrite;
    }

    public List<CaptureResult> capture(Principal principal, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body: must be a JSON object {\"client\": {...}, \"events\": [...]}");
        }
        JsonNode events = body.get("events");
        if (events == null || !events.isArray()) {
            throw ApiError.badRequest("events: required, a list of events");
        }
        if (events.size() > MAX_EVENTS) {
            throw new ApiError(413, "too_large", "events: at most " + MAX_EVENTS + " per request, got " + events.size());
        }
        CapturePolicy policy = policies.capturePolicy(principal.orgId(), principal.userId());
        CustomerFilter filter = new CustomerFilter(policy, freeMail);
        // The rep's own addresses (primary first, aliases after): whose mailbox an event is, whether
        // the rep is on a stored interaction, which attendee answer is theirs.
        List<String> repAddresses = List.copyOf(addresses.of(principal.orgId(), principal.userId()));

        CaptureResult[] results = new CaptureResult[events.size()];
        BatchVersions chosen = new BatchVersions();
        for (int i = 0; i < events.size(); i++) {
            EventParser.Parsed parsed = EventParser.parse(events.get(i), i);
            if (parsed.rejection() != null) {
                results[i] = CaptureResult.rejected(i, parsed.rejection());
                continue;
            }
            CapturedEvent e = parsed.event();
            if (!repAddresses.contains(e.mailbox()) && !policy.allowDelegatedMailboxes()) {
                results[i] = CaptureResult.skipped(i, "not-your-mailbox: " + e.mailbox()
                        + " is not one of your addresses, and the org does not log delegated mailboxes");
                continue;
            }
            List<Participant> participants = e.participants();
            Optional<String> skip = filter.skipReason(participants);
            if (skip.isPresent()) {
                results[i] = CaptureResult.skipped(i, skip.get());
                continue;
            }
            chosen.offer(prepare(i, e, participants, policy, filter, repAddresses, parsed.notes()));
        }
        if (!chosen.isEmpty()) {
            List<PreparedInteraction> batch = chosen.winners();
            fillWrittenResults(results, chosen, batch, write(principal, repAddresses, batch, chosen.superseded()));
        }
        return List.of(results);
    }

    /**
     * Writes the batch in one transaction. Should PostgreSQL refuse a value anyway (a data
     * exception, SQLSTATE class 22, that validation did not foresee), the batch is written again
     * event by event, so only the event carrying that value is rejected and its neighbours stored.
     */
    private List<CaptureStore.Outcome> write(Principal principal, List<String> repAddresses,
                                             List<PreparedInteraction> batch, List<PreparedInteraction> superseded) {
        try {
            return Transactions.retryingOnConflict(jdbi, h ->
                    writeInTransaction(h, principal, repAddresses, batch, superseded));
        } catch (JdbiException e) {
            if (SqlStates.dataException(e).isEmpty()) {
                throw e;
            }
        }
        List<CaptureStore.Outcome> outcomes = new ArrayList<>(batch.size());
        for (PreparedInteraction p : batch) {
            List<PreparedInteraction> older = superseded.stream()
                    .filter(o -> o.dedupKey().equals(p.dedupKey())).toList();
            try {
                outcomes.add(Transactions.retryingOnConflict(jdbi, h ->
                        writeInTransaction(h, principal, repAddresses, List.of(p), older)).get(0));
            } catch (JdbiException e) {
                outcomes.add(CaptureStore.Outcome.dataError(SqlStates.dataException(e).orElseThrow(() -> e)));
            }
        }
        return outcomes;
    }

    /** Stores the batch and, in the same transaction, what derives from the interactions it touched. */
    private List<CaptureStore.Outcome> writeInTransaction(Handle h, Principal principal, List<String> repAddresses,
                                                          List<PreparedInteraction> batch,
                                                          List<PreparedInteraction> superseded) {
        List<CaptureStore.Outcome> written = store.write(h, principal.orgId(), principal.userId(), repAddresses,
                batch, superseded);
        List<String> changed = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            CaptureStore.Outcome o = written.get(k);
            if (o.created() || o.updated() || o.newLink()) {
                changed.add(batch.get(k).dedupKey());
            }
        }
        if (!changed.isEmpty()) {
            afterWrite.written(h, principal.orgId(), changed);
        }
        return written;
    }

    /**
     * Each written event's status; an event the batch superseded (the same email twice, or an
     * older version of a meeting) shares its winner's interaction, or its winner's skip.
     */
    private static void fillWrittenResults(CaptureResult[] results, BatchVersions chosen,
                                           List<PreparedInteraction> batch, List<CaptureStore.Outcome> outcomes) {
        Map<String, CaptureResult> byKey = new HashMap<>();
        for (int k = 0; k < batch.size(); k++) {
            PreparedInteraction p = batch.get(k);
            CaptureStore.Outcome o = outcomes.get(k);
            CaptureResult r;
            if (o.skipReason() != null) {
                r = CaptureResult.skipped(p.index(), o.skipReason());
            } else if (o.dataError() != null) {
                r = CaptureResult.rejected(p.index(), "events[" + p.index()
                        + "]: a value the database cannot store (SQLSTATE " + o.dataError() + ")");
            } else {
                String status = o.created() ? "stored" : o.updated() ? "updated" : o.newLink() ? "stored" : "duplicate";
                String reason = p.note() != null ? p.note()
                        : o.older() ? "older-version: a newer version of this meeting is already stored" : null;
                r = new CaptureResult(p.index(), status, reason, o.interactionId());
            }
            results[p.index()] = r;
            byKey.put(p.dedupKey(), r);
        }
        for (PreparedInteraction p : chosen.superseded()) {
            CaptureResult winner = byKey.get(p.dedupKey());
            results[p.index()] = winner.status().equals("skipped") || winner.status().equals("rejected")
                    ? new CaptureResult(p.index(), winner.status(), winner.reason(), null)
                    : new CaptureResult(p.index(), "duplicate",
                            "superseded by events[" + winner.index() + "] in the same batch", winner.interactionId());
        }
    }

    private PreparedInteraction prepare(int index, CapturedEvent event, List<Participant> everyone, CapturePolicy policy,
                                        CustomerFilter filter, List<String> repAddresses, List<String> notes) {
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        String participants = participantsJson(everyone, filter);
        List<ContactRef> contacts = contacts(everyone, filter);
        if (event instanceof EmailEvent e) {
            return new PreparedInteraction(index, e.dedupKey(), "email", e.source(), e.occurredAt(), null,
                    policy.keepsSubject() ? e.subject() : null,
                    policy.keepsSnippet() ? e.snippet() : null,
                    e.threadId(), null, participants, contacts, e.direction(), e.sourceId(), null, note);
        }
        MeetingEvent m = (MeetingEvent) event;
        return new PreparedInteraction(index, m.dedupKey(), "meeting", m.source(), m.startsAt(), m.endsAt(),
                policy.keepsSubject() ? m.title() : null,
                null, null, m.status(), participants, contacts,
                m.organizedBy(repAddresses) ? "organizer" : "attendee", m.sourceId(),
                new PreparedInteraction.MeetingFields(m.iCalUid(), m.recurrenceId(), m.allDay(), m.timeZone(),
                        m.version(), m.responseOf(repAddresses)),
                note);
    }

    private List<ContactRef> contacts(List<Participant> participants, CustomerFilter filter) {
        Map<String, ContactRef> out = new LinkedHashMap<>();
        for (Participant p : participants) {
            if (filter.isCustomerContact(p.email()) && !out.containsKey(p.email())) {
                String account = filter.isFreeMail(p.email()) ? null
                        : Accounts.registrableDomain(EmailAddresses.domainOf(p.email()));
                out.put(p.email(), new ContactRef(p.email(), p.name(), account));
            }
        }
        return new ArrayList<>(out.values());
    }

    private String participantsJson(List<Participant> participants, CustomerFilter filter) {
        ArrayNode arr = json.createArrayNode();
        for (Participant p : participants) {
            ObjectNode o = arr.addObject()
                    .put("email", p.email())
                    .put("name", p.name())
                    .put("role", p.role())
                    .put("external", !filter.isInternal(p.email()));
            if (p.response() != null) {
                o.put("response", p.response());
            }
        }
        return arr.toString();
    }
}
