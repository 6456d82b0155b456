package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tokens", description = "Issue access tokens.", subcommands = TokensCommand.Issue.class)
public final class TokensCommand {

    @Command(name = "issue", description = "Issue an access token for a user; it is shown once, on standard output.")
    static final class Issue implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--ttl-days", description = "Days until the token expires (default: the server's setting).")
        Integer ttlDays;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                Map<String, Object> body = new HashMap<>();
                body.put("email", email);
                if (ttlDays != null) {
                    body.put("ttlDays", ttlDays);
                }
                JsonNode t = client.post("/api/v1/admin/tokens", body);
                System.err.println("Token for " + email + ", expires " + t.path("expiresAt").asText() + ":");
                System.out.println(t.path("token").asText());
            });
        }
    }
}
