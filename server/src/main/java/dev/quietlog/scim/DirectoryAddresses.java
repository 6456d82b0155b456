package dev.quietlog.scim;

import dev.quietlog.directory.UserAddresses;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The directory's user addresses (primary plus aliases) as SCIM reads and replaces them from emails[]. */
final class DirectoryAddresses implements ScimUsers.Addresses {
    private final UserAddresses addresses;

    DirectoryAddresses(UserAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public List<String> of(Handle h, UUID orgId, UUID userId) {
        return UserAddresses.of(h, orgId, userId);
    }

    @Override
    public void replace(UUID orgId, String primary, List<String> primaryFirst) {
        addresses.replace(orgId, primary, primaryFirst);
    }

    @Override
    public List<String> takenByOthers(Handle h, UUID orgId, List<String> wanted, UUID userId) {
        return h.createQuery("select email from user_addresses where org_id = :org and email = any(:emails) "
                        + (userId == null ? "" : "and user_id <> :user ") + "order by email")
                .bind("org", orgId).bindArray("emails", String.class, wanted).bindByType("user", userId, UUID.class)
                .mapTo(String.class).list();
    }

    @Override
    public String hasAddressSql() {
        return "exists (select 1 from user_addresses a where a.org_id = u.org_id and a.user_id = u.id and a.email = :address)";
    }
}
