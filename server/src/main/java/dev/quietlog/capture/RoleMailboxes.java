package dev.quietlog.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The role and bulk mailbox rule, read from shared-policy/role-mailboxes.json, the same file
 * the extension bundles: a local part that is one of the listed names, optionally followed by
 * a +tag or a .suffix, _suffix or -suffix.
 */
final class RoleMailboxes {
    private static final String RESOURCE = "policy/role-mailboxes.json";

    private RoleMailboxes() {
    }

    static Pattern pattern() {
        try (InputStream in = RoleMailboxes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> parts = new ArrayList<>();
            root.get("localParts").forEach(p -> parts.add(p.textValue()));
            return Pattern.compile("^(" + String.join("|", parts) + ")([+._-].*)?$", Pattern.CASE_INSENSITIVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
