package dev.quietlog.capture;

import dev.quietlog.directory.EmailAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    CustomerFilter(CapturePolicy policy, FreeMailDomains freeMail) {
        this.policy = policy;
        this.freeMail = freeMail;
    }

    /** Empty when the capture should be kept, else the reason it is skipped. */
    Optional<String> skipReason(List<Participant> participants) {
        List<String> external = new ArrayList<>();
        for (Participant p : participants) {
            if (!isInternal(p.email()) && !external.contains(p.email())) {
                external.add(p.email());
            }
        }
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
        return matchesDomain(EmailAddresses.domainOf(email), policy.internalDomains());
    }

    boolean isFreeMail(String email) {
        return freeMail.contains(EmailAddresses.domainOf(email));
    }

    private boolean isNeverLog(String email) {
        return policy.neverLogAddresses().contains(email)
                || matchesDomain(EmailAddresses.domainOf(email), policy.neverLogDomains());
    }

    static boolean isRoleAddress(String email) {
        return ROLE_LOCAL_PART.matcher(email.substring(0, email.indexOf('@'))).matches();
    }

    /** A domain matches a listed domain or any of its subdomains (mail.acme.com matches acme.com). */
    private static boolean matchesDomain(String domain, List<String> listed) {
        for (String d : listed) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
