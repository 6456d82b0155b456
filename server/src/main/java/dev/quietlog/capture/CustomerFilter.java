package dev.quietlog.capture;

import dev.quietlog.directory.EmailAddresses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a capture involves a customer: someone outside the org's internal domains,
 * not on a never-log list (the org's or the rep's own), not at a free-mail domain unless the
 * org allows it, and not a role or bulk sender. The extension applies the same rules before
 * upload; the server applies them again because clients can be old or wrong.
 */
final class CustomerFilter {
    /** Role and bulk mailboxes: machines and shared inboxes, not customers (shared-policy/role-mailboxes.json). */
    private static final Pattern ROLE_LOCAL_PART = RoleMailboxes.pattern();

    private final CapturePolicy policy;
    private final FreeMailDomains freeMail;
    // Hash sets, so a participant costs a few lookups whatever the lists' lengths: a long
    // never-log list must not make every capture of every rep slower.
    private final Set<String> internalDomains;
    private final Set<String> neverLogAddresses;
    private final Set<String> neverLogDomains;

    CustomerFilter(CapturePolicy policy, FreeMailDomains freeMail) {
        this.policy = policy;
        this.freeMail = freeMail;
        this.internalDomains = Set.copyOf(policy.internalDomains());
        this.neverLogAddresses = Set.copyOf(policy.neverLogAddresses());
        this.neverLogDomains = Set.copyOf(policy.neverLogDomains());
    }

    /** Empty when the capture should be kept, else the reason it is skipped. */
    Optional<String> skipReason(List<Participant> participants) {
        Set<String> distinct = new LinkedHashSet<>();
        for (Participant p : participants) {
            if (!isInternal(p.email())) {
                distinct.add(p.email());
            }
        }
        List<String> external = new ArrayList<>(distinct);
        if (external.isEmpty()) {
            return Optional.of("internal: no participant outside the org's internal domains");
        }
        // Anyone on a never-log list keeps the whole capture off the record, whoever else took part.
        List<String> neverLog = external.stream().filter(this::isNeverLog).toList();
        if (!neverLog.isEmpty()) {
            return Optional.of("never-log: " + String.join(", ", neverLog) + " is on a never-log list");
        }
        List<String> notRole = external.stream().filter(e -> !isRoleAddress(e)).toList();
        if (notRole.isEmpty()) {
            return Optional.of("role-sender: only role or bulk addresses outside the org ("
                    + String.join(", ", external) + ")");
        }
        if (!policy.allowFreeMail() && notRole.stream().allMatch(this::isFreeMail)) {
            return Optional.of("free-mail: only free-mail addresses outside the org (" + String.join(", ", notRole)
                    + "); the org does not log free-mail contacts");
        }
        return Optional.empty();
    }

    /** A participant who becomes a contact: external, a person, and at a company unless free-mail is allowed. */
    boolean isCustomerContact(String email) {
        return !isInternal(email) && !isRoleAddress(email) && (policy.allowFreeMail() || !isFreeMail(email));
    }

    boolean isInternal(String email) {
        return matchesDomain(EmailAddresses.domainOf(email), internalDomains);
    }

    boolean isFreeMail(String email) {
        return freeMail.contains(EmailAddresses.domainOf(email));
    }

    private boolean isNeverLog(String email) {
        return neverLogAddresses.contains(email) || matchesDomain(EmailAddresses.domainOf(email), neverLogDomains);
    }

    static boolean isRoleAddress(String email) {
        return ROLE_LOCAL_PART.matcher(email.substring(0, email.indexOf('@'))).matches();
    }

    /**
     * A domain matches a listed domain or any of its subdomains (mail.acme.com matches acme.com):
     * one lookup per label suffix of the domain (mail.acme.com, acme.com, com).
     */
    static boolean matchesDomain(String domain, Set<String> listed) {
        if (listed.isEmpty()) {
            return false;
        }
        for (int from = 0; from >= 0; from = nextLabel(domain, from)) {
            if (listed.contains(from == 0 ? domain : domain.substring(from))) {
                return true;
            }
        }
        return false;
    }

    private static int nextLabel(String domain, int from) {
        int dot = domain.indexOf('.', from);
        return dot < 0 ? -1 : dot + 1;
    }
}
