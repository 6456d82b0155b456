package dev.quietlog.scim;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** The directory's user addresses as SCIM uses them. Until aliases exist, a user has their primary address only. */
final class DirectoryAddresses implements ScimUsers.UserAddresses {

    @Override
    public List<String> of(Handle h, UUID orgId, UUID userId) {
        return List.of();
    }

    @Override
    public void replace(UUID orgId, String primary, List<String> primaryFirst) {
    }

    @Override
    public List<String> takenByOthers(Handle h, UUID orgId, List<String> addresses, UUID userId) {
        return List.of();
    }

    @Override
    public String hasAddressSql() {
        return "false";
    }
}
