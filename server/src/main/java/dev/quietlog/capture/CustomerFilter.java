package dev.quietlog.capture;

import dev.quietlog.directory.EmailAddresses;
import dev.quietlog.directory.Org;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether an email involves a customer: someone outside the org's internal domains,
 * not on the org's never-log lists, and not a role or bulk sender. The extension applies the
 * same policy before upload; the server applies it again because clients can be old or wrong.
 */
final class CustomerFilter {
    /** Role and bulk mailboxes: machines and shared inboxes, not customers. */
    private static final Pattern ROLE_LOCAL_PART = Pattern.compile(
            "^(no-?reply|do-?not-?reply|notifications?|notify|mailer-daemon|postmaster|bounces?|"
                    + "newsletters?|news|marketing|mailing-?list|list|updates|alerts?|automated|daemon)([+._-].*)?$");

    private final List<String> internalDomains;
    private final List<String> neverLogAddresses;
    private final List<String> neverLogDomains;

    CustomerFilter(Org org) {
        this.internalDomains = lower(org.internalDomains());
        this.neverLogAddresses = lower(org.neverLogAddresses());
        this.neverLogDomains = lower(org.neverLogDomains());
    }

    /** Empty when the email should be kept, else the reason it is skipped. */
    Optional<String> skipReason(List<Address> participants) {
        List<String> external = new ArrayList<>();
        for (Address a : participants) {
            if (!isInternal(a.email())) {
                external.add(a.email());
            }
        }
        if (external.isEmpty()) {
            return Optional.of("internal: no participant outside the org's internal domains");
        }
        List<String> neverLog = external.stream().filter(this::isNeverLog).toList();
        if (!neverLog.isEmpty()) {
            return Optional.of("never-log: " + String.join(", ", neverLog) + " is on the org's never-log list");
        }
        if (external.stream().allMatch(CustomerFilter::isRoleAddress)) {
            return Optional.of("role-sender: only role or bulk addresses outside the org ("
                    + String.join(", ", external) + ")");
        }
        return Optional.empty();
    }

    boolean isInternal(String email) {
        return matchesDomain(EmailAddresses.domainOf(email), internalDomains);
    }

    private boolean isNeverLog(String email) {
        return neverLogAddresses.contains(email) || matchesDomain(EmailAddresses.domainOf(email), neverLogDomains);
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

    private static List<String> lower(List<String> in) {
        return in == null ? List.of() : in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
