package dev.quietlog.capture;

import com.google.common.net.InternetDomainName;

/** An account is a registrable domain under the public suffix list: mail.acme.co.uk belongs to acme.co.uk. */
final class Accounts {
    private Accounts() {
    }

    static String registrableDomain(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : domain;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Not a name the list knows (e.g. an intranet host): the domain is its own account.
            return domain;
        }
    }
}
