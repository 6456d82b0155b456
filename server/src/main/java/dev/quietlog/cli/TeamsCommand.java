package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "teams", description = "Manage teams: who manages whom on the dashboard.",
        subcommands = {TeamsCommand.Add.class, TeamsCommand.ListTeams.class, TeamsCommand.AddMember.class,
                TeamsCommand.RemoveMember.class})
public final class TeamsCommand {

    @Command(name = "add", description = "Create a team.")
    static final class Add implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode t = client.post("/api/v1/admin/teams", Map.of("name", name));
                System.out.println("Created team " + t.path("name").asText() + " (" + t.path("id").asText() + ")");
            });
        }
    }

    @Command(name = "list", description = "List teams with their managers and reps.")
    static final class ListTeams implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                for (JsonNode t : client.send("GET", "/api/v1/admin/teams", null).path("teams")) {
                    print(t);
                }
            });
        }
    }

    @Command(name = "add-member", description = "Add a manager or a rep to a team.")
    static final class AddMember implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--team", required = true, description = "The team's name or id")
        String team;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--as", required = true, description = "manager or rep")
        String as;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> print(client.post("/api/v1/admin/teams/" + AdminClient.segment(team) + "/" + list(as), Map.of("email", email))));
        }
    }

    @Command(name = "remove-member", description = "Remove a manager or a rep from a team.")
    static final class RemoveMember implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--team", required = true, description = "The team's name or id")
        String team;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--as", required = true, description = "manager or rep")
        String as;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> print(client.send("DELETE",
                    "/api/v1/admin/teams/" + AdminClient.segment(team) + "/" + list(as) + "/" + AdminClient.segment(email), null)));
        }
    }

    private static String list(String as) {
        return switch (as) {
            case "manager" -> "managers";
            case "rep" -> "reps";
            default -> throw new AdminClient.CliFailure("--as: must be manager or rep");
        };
    }

    private static void print(JsonNode t) {
        System.out.println(t.path("name").asText() + " (" + t.path("id").asText() + ")");
        System.out.println("  managers: " + emails(t.path("managers")));
        System.out.println("  reps:     " + emails(t.path("reps"))
                + (t.path("scimManaged").asBoolean() ? "  (from the identity provider over SCIM)" : ""));
    }

    private static String emails(JsonNode members) {
        StringBuilder b = new StringBuilder();
        for (JsonNode m : members) {
            b.append(b.length() == 0 ? "" : ", ").append(m.path("email").asText());
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }
}
