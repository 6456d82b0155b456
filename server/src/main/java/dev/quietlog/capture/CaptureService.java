package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.quietlog.app.ApiError;
import dev.quietlog.auth.Principal;
import dev.quietlog.directory.DirectoryDao;
import dev.quietlog.directory.Org;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final CaptureStore store = new CaptureStore();

    public CaptureService(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
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
        Org org = jdbi.withExtension(DirectoryDao.class, dao -> dao.findOrg(principal.orgId()))
                .orElseThrow(() -> new IllegalStateException("principal's org is gone"));
        CustomerFilter filter = new CustomerFilter(org);

        CaptureResult[] results = new CaptureResult[events.size()];
        List<PreparedInteraction> accepted = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventParser.Parsed parsed = EventParser.parse(events.get(i), i);
            if (parsed.rejection() != null) {
                results[i] = CaptureResult.rejected(i, parsed.rejection());
                continue;
            }
            EmailEvent e = parsed.event();
            List<Address> everyone = participants(e);
            Optional<String> skip = filter.skipReason(everyone);
            if (skip.isPresent()) {
                results[i] = CaptureResult.skipped(i, skip.get());
                continue;
            }
            accepted.add(prepare(i, e, org.captureLevel(), filter, parsed.notes()));
        }
        if (!accepted.isEmpty()) {
            List<CaptureStore.Outcome> outcomes = jdbi.inTransaction(h ->
                    store.write(h, principal.orgId(), principal.userId(), accepted));
            Set<String> seenInBatch = new HashSet<>();
            for (int k = 0; k < accepted.size(); k++) {
                PreparedInteraction p = accepted.get(k);
                CaptureStore.Outcome o = outcomes.get(k);
                boolean first = seenInBatch.add(p.dedupKey());
                String status = first && o.newLink() ? "stored" : "duplicate";
                results[p.index()] = new CaptureResult(p.index(), status, p.note(), o.interactionId());
            }
        }
        return List.of(results);
    }

    private static List<Address> participants(EmailEvent e) {
        List<Address> all = new ArrayList<>(1 + e.to().size() + e.cc().size());
        all.add(e.from());
        all.addAll(e.to());
        all.addAll(e.cc());
        return all;
    }

    private PreparedInteraction prepare(int index, EmailEvent e, String captureLevel, CustomerFilter filter,
                                        List<String> notes) {
        boolean keepSubject = !captureLevel.equals("metadata");
        boolean keepSnippet = captureLevel.equals("subject_snippet");
        return new PreparedInteraction(
                index, e.dedupKey(), "email", e.source(), e.occurredAt(), null,
                keepSubject ? e.subject() : null,
                keepSnippet ? e.snippet() : null,
                e.threadId(), null,
                participantsJson(e, filter), e.direction(), e.sourceId(),
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    private String participantsJson(EmailEvent e, CustomerFilter filter) {
        ArrayNode arr = json.createArrayNode();
        addParticipant(arr, e.from(), "from", filter);
        e.to().forEach(a -> addParticipant(arr, a, "to", filter));
        e.cc().forEach(a -> addParticipant(arr, a, "cc", filter));
        return arr.toString();
    }

    private static void addParticipant(ArrayNode arr, Address a, String role, CustomerFilter filter) {
        arr.addObject()
                .put("email", a.email())
                .put("name", a.name())
                .put("role", role)
                .put("external", !filter.isInternal(a.email()));
    }
}
