package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "users", description = "Manage users.", subcommands = UsersCommand.Add.class)
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
}
