package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "keys", description = "List, rotate and retire the keys that sign tokens.",
        subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class, KeysCommand.Retire.class})
public final class KeysCommand {

    @Command(name = "list", description = "Every signing key: kid, status (current signs; active verifies; retired is refused), created, retired.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode answer = client.send("GET", "/api/v1/admin/keys", null);
                System.out.printf("%-36s  %-8s  %-6s  %-24s  %s%n", "KID", "STATUS", "ALG", "CREATED", "RETIRED");
                for (JsonNode k : answer.path("keys")) {
                    System.out.printf("%-36s  %-8s  %-6s  %-24s  %s%n", k.path("kid").asText(), k.path("status").asText(),
                            k.path("algorithm").asText(), k.path("createdAt").asText(),
                            k.hasNonNull("retiredAt") ? k.path("retiredAt").asText() : "-");
                }
            });
        }
    }

    @Command(name = "rotate", description = "Add a new key that signs from now on; older keys still verify until retired.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode k = client.send("POST", "/api/v1/admin/keys/rotate", null);
                System.out.println("New signing key " + k.path("kid").asText()
                        + ". Re-issue tokens, then retire the old key with: quietlog keys retire OLD-KID");
            });
        }
    }

    @Command(name = "retire", description = "Retire a key: every token it signed is refused from the next request on.")
    static final class Retire implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Parameters(paramLabel = "KID")
        String kid;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode k = client.send("POST", "/api/v1/admin/keys/" + AdminClient.segment(kid) + "/retire", null);
                System.out.println("Retired " + k.path("kid").asText() + " at " + k.path("retiredAt").asText());
            });
        }
    }
}
