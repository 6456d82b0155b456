package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "Print the audit log, newest first: who did what, to whom, when.")
public final class AuditCommand implements Callable<Integer> {
    @Mixin
    AdminClient client;

    @Option(names = "--since", description = "An instant (2026-11-30T07:00:00Z), a day (2026-11-30) or an age (24h, 7d)")
    String since;

    @Option(names = "--until", description = "Same forms as --since")
    String until;

    @Option(names = "--action", description = "An action (token.revoked), or a prefix ending in a dot (token.)")
    String action;

    @Option(names = "--actor", description = "Who: an address, or a kind (admin, scim, sign-in, user, system)")
    String actor;

    @Option(names = "--target", description = "To whom or what: an address, a token id, a key id")
    String target;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (default 100)")
    int limit;

    @Override
    public Integer call() throws Exception {
        return CliOutput.run(() -> {
            StringBuilder path = new StringBuilder("/api/v1/admin/audit?limit=" + limit);
            append(path, "since", since);
            append(path, "until", until);
            append(path, "action", action);
            append(path, "actor", actor);
            append(path, "target", target);
            JsonNode page = client.send("GET", path.toString(), null);
            for (JsonNode e : page.path("entries")) {
                System.out.printf("%s  %-20s  %-30s  %-28s  %s%s%n", e.path("at").asText(), e.path("action").asText(),
                        e.path("actor").path("label").asText() + " (" + e.path("actor").path("kind").asText() + ")",
                        e.path("target").asText("-"), "", e.path("details").toString());
            }
            if (page.hasNonNull("next")) {
                System.err.println("More entries: narrow with --since/--action/--actor, or raise --limit.");
            }
        });
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(AdminClient.q(value));
        }
    }
}
