package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "users", description = "Manage users.", subcommands = {UsersCommand.Add.class, UsersCommand.Addresses.class})
public final class UsersCommand {

    @Command(name = "add", description = "Create a user (rep, manager or admin).")
    static final class Add implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--role", required = true, description = "rep, manager or admin")
        String role;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode u = client.post("/api/v1/admin/users", Map.of("email", email, "name", name, "role", role));
                System.out.println("Created " + u.path("role").asText() + " " + u.path("name").asText()
                        + " <" + u.path("email").asText() + ">");
            });
        }
    }

    @Command(name = "addresses", description = "Show a user's mail addresses, or replace them with --set "
            + "(the primary address is always kept, and comes first).")
    static final class Addresses implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--email", required = true, description = "The user's primary address")
        String email;

        @Option(names = "--set", description = "Comma-separated: every address the user sends and receives mail as")
        String set;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                String path = "/api/v1/admin/users/" + URLEncoder.encode(email.trim(), StandardCharsets.UTF_8) + "/addresses";
                JsonNode answer = set == null ? client.send("GET", path, null)
                        : client.send("PUT", path, Map.of("addresses", Arrays.stream(set.split(","))
                                .map(String::trim).filter(s -> !s.isEmpty()).toList()));
                List<String> addresses = new ArrayList<>();
                answer.path("addresses").forEach(a -> addresses.add(a.asText()));
                System.out.println(String.join(", ", addresses));
            });
        }
    }
}
