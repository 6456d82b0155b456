package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scim-token", description = {"The token your identity provider (Okta, Entra ID) uses on /scim/v2.",
        "List and revoke it like other tokens: `tokens list --kind scim`, `tokens revoke ID`."},
        subcommands = ScimTokenCommand.Issue.class)
public final class ScimTokenCommand {

    @Command(name = "issue", description = "Issue a SCIM token; it is shown once, on standard output.")
    static final class Issue implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--ttl-days", description = "Days until it expires (default 365, within the org's maximum).")
        Integer ttlDays;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                Map<String, Object> body = new HashMap<>();
                if (ttlDays != null) {
                    body.put("ttlDays", ttlDays);
                }
                JsonNode t = client.post("/api/v1/admin/scim-tokens", body);
                System.err.println("SCIM token " + t.path("id").asText() + ", expires " + t.path("expiresAt").asText()
                        + ". Paste it into your identity provider with the base URL <server>/scim/v2:");
                System.out.println(t.path("token").asText());
            });
        }
    }
}
