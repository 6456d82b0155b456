package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Principal;
import dev.quietlog.capture.PreparedInteraction.ContactRef;
import dev.quietlog.directory.EmailAddresses;
import dev.quietlog.directory.PolicyService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a batch of raw captures into stored interactions: validates each event on its own
 * (a bad one is rejected with the field named, the rest go on), drops what is not a customer
 * interaction, strips what the org's capture level excludes, and writes the rest in one
 * transaction. Results are answered only after that transaction commits.
 */
public final class CaptureService {
    public static final int MAX_EVENTS = 500;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final PolicyService policies;
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

    public CaptureService(Jdbi jdbi, ObjectMapper json, PolicyService policies) {
        this(jdbi, json, policies, (h, org, keys) -> { });
    }

    public CaptureService(Jdbi jdbi, ObjectMapper json, PolicyService policies, AfterWrite afterWrite) {
        this.jdbi = jdbi;
        this.json = json;
        this.policies = policies;
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

        CaptureResult[] results = new CaptureResult[events.size()];
        String[] supersededKeys = new String[events.size()];
        Map<String, PreparedInteraction> lastByKey = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventParser.Parsed parsed = EventParser.parse(events.get(i), i);
            if (parsed.rejection() != null) {
                results[i] = CaptureResult.rejected(i, parsed.rejection());
                continue;
            }
            CapturedEvent e = parsed.event();
            List<Participant> participants = e.participants();
            Optional<String> skip = filter.skipReason(participants);
            if (skip.isPresent()) {
                results[i] = CaptureResult.skipped(i, skip.get());
                continue;
            }
            PreparedInteraction p = prepare(i, e, participants, policy, filter, principal.email(), parsed.notes());
            PreparedInteraction earlier = lastByKey.put(p.dedupKey(), p);
            if (earlier != null) {
                // The batch carries the same email or meeting twice: its last state is the one written.
                results[earlier.index()] = new CaptureResult(earlier.index(), "duplicate",
                        "superseded by events[" + i + "] in the same batch", null);
                supersededKeys[earlier.index()] = p.dedupKey();
            }
        }
        if (!lastByKey.isEmpty()) {
            List<PreparedInteraction> batch = new ArrayList<>(lastByKey.values());
            List<CaptureStore.Outcome> outcomes = Transactions.retryingOnConflict(jdbi, h -> {
                List<CaptureStore.Outcome> written = store.write(h, principal.orgId(), principal.userId(), batch);
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
            });
            fillWrittenResults(results, supersededKeys, batch, outcomes);
        }
        return List.of(results);
    }

    /** Each written event's status, and the interaction a superseded repeat in the batch belongs to. */
    private static void fillWrittenResults(CaptureResult[] results, String[] supersededKeys,
                                           List<PreparedInteraction> batch, List<CaptureStore.Outcome> outcomes) {
        Map<String, UUID> ids = new HashMap<>();
        for (int k = 0; k < batch.size(); k++) {
            PreparedInteraction p = batch.get(k);
            CaptureStore.Outcome o = outcomes.get(k);
            ids.put(p.dedupKey(), o.interactionId());
            String status = o.created() ? "stored" : o.updated() ? "updated" : o.newLink() ? "stored" : "duplicate";
            results[p.index()] = new CaptureResult(p.index(), status, p.note(), o.interactionId());
        }
        for (int i = 0; i < results.length; i++) {
            if (supersededKeys[i] != null) {
                results[i] = new CaptureResult(i, "duplicate", results[i].reason(), ids.get(supersededKeys[i]));
            }
        }
    }

    private PreparedInteraction prepare(int index, CapturedEvent event, List<Participant> everyone, CapturePolicy policy,
                                        CustomerFilter filter, String repEmail, List<String> notes) {
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        String participants = participantsJson(everyone, filter);
        List<ContactRef> contacts = contacts(everyone, filter);
        if (event instanceof EmailEvent e) {
            return new PreparedInteraction(index, e.dedupKey(), "email", e.source(), e.occurredAt(), null,
                    policy.keepsSubject() ? e.subject() : null,
                    policy.keepsSnippet() ? e.snippet() : null,
                    e.threadId(), null, participants, contacts, e.direction(), e.sourceId(), null, null, note);
        }
        MeetingEvent m = (MeetingEvent) event;
        return new PreparedInteraction(index, m.dedupKey(), "meeting", m.source(), m.startsAt(), m.endsAt(),
                policy.keepsSubject() ? m.title() : null,
                null, null, m.status(), participants, contacts,
                m.organizer().email().equals(repEmail) ? "organizer" : "attendee", m.sourceId(),
                m.sequence(), m.updatedAt(), note);
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
