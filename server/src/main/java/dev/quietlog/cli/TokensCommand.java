package dev.quietlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tokens", description = "Issue, list and revoke access tokens.",
        subcommands = {TokensCommand.Issue.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class,
                TokensCommand.RevokeAll.class})
public final class TokensCommand {

    @Command(name = "issue", description = {
            "Issue an access token for a user (--email), or one for each address in a CSV file (--csv).",
            "Tokens are shown once, on standard output; with --csv as CSV lines email,token,expiresAt,",
            "and lines that got no token are listed on standard error (exit code 1 if there were any)."})
    static final class Issue implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @ArgGroup(multiplicity = "1")
        Who who;

        static final class Who {
            @Option(names = "--email", required = true)
            String email;

            @Option(names = "--csv", required = true, description = "A file with one email address per line (first column)")
            Path csv;
        }

        @Option(names = "--ttl-days", description = "Days until the token expires (default: the org's token lifetime).")
        Integer ttlDays;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                if (who.csv != null) {
                    issueFromCsv();
                    return;
                }
                Map<String, Object> body = new HashMap<>();
                body.put("email", who.email);
                if (ttlDays != null) {
                    body.put("ttlDays", ttlDays);
                }
                JsonNode t = client.post("/api/v1/admin/tokens", body);
                System.err.println("Token for " + who.email + ", expires " + t.path("expiresAt").asText() + ":");
                System.out.println(t.path("token").asText());
            });
        }

        private void issueFromCsv() throws Exception {
            if (!Files.isReadable(who.csv)) {
                throw new AdminClient.CliFailure("Cannot read " + who.csv);
            }
            String path = "/api/v1/admin/tokens/bulk" + (ttlDays == null ? "" : "?ttlDays=" + ttlDays);
            JsonNode answer = client.send("POST", path, "text/csv", Files.readString(who.csv));
            System.out.println("email,token,expiresAt");
            for (JsonNode line : answer.path("results")) {
                if (line.hasNonNull("token")) {
                    System.out.println(line.path("email").asText() + "," + line.path("token").asText() + ","
                            + line.path("expiresAt").asText());
                }
            }
            for (JsonNode line : answer.path("results")) {
                if (line.hasNonNull("error")) {
                    System.err.println("line " + line.path("line").asInt() + " (" + line.path("email").asText() + "): "
                            + line.path("error").asText());
                }
            }
            System.err.println(answer.path("issued").asInt() + " issued, " + answer.path("failed").asInt() + " failed");
            if (answer.path("failed").asInt() > 0) {
                throw new AdminClient.CliFailure("Some lines got no token; fix them and issue those again.");
            }
        }
    }

    @Command(name = "list", description = "List tokens (never the tokens themselves): id, user, created, expires, last used, issued by.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--email", description = "Only this user's tokens")
        String email;

        @Option(names = "--status", description = "active (default), revoked, expired or all")
        String status;

        @Option(names = "--kind", description = "access or scim")
        String kind;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                StringBuilder path = new StringBuilder("/api/v1/admin/tokens?limit=" + limit);
                if (email != null) {
                    path.append("&email=").append(AdminClient.q(email));
                }
                if (status != null) {
                    path.append("&status=").append(AdminClient.q(status));
                }
                if (kind != null) {
                    path.append("&kind=").append(AdminClient.q(kind));
                }
                JsonNode page = client.send("GET", path.toString(), null);
                System.out.printf("%-36s  %-6s  %-30s  %-20s  %-20s  %-20s  %-8s  %s%n",
                        "ID", "KIND", "USER", "CREATED", "EXPIRES", "LAST USED", "STATUS", "ISSUED BY");
                for (JsonNode t : page.path("tokens")) {
                    System.out.printf("%-36s  %-6s  %-30s  %-20s  %-20s  %-20s  %-8s  %s%n",
                            t.path("id").asText(), t.path("kind").asText(), text(t, "userEmail"),
                            time(t, "createdAt"), time(t, "expiresAt"), time(t, "lastUsedAt"),
                            t.path("status").asText(), text(t, "issuedBy"));
                }
                System.err.println(page.path("tokens").size() + " of " + page.path("total").asLong() + " tokens");
            });
        }

        private static String text(JsonNode t, String field) {
            return t.hasNonNull(field) ? t.path(field).asText() : "-";
        }

        private static String time(JsonNode t, String field) {
            return t.hasNonNull(field) ? t.path(field).asText().replaceFirst("\\.\\d+Z$", "Z") : "-";
        }
    }

    @Command(name = "revoke", description = "Revoke one token by its id (from `tokens list`); refused on the next request.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode t = client.send("DELETE", "/api/v1/admin/tokens/" + AdminClient.segment(id), null);
                System.out.println("Revoked token " + t.path("id").asText()
                        + (t.hasNonNull("userEmail") ? " of " + t.path("userEmail").asText() : ""));
            });
        }
    }

    @Command(name = "revoke-all", description = "Revoke every token of one user (they stay a user; issue a new token to let them back).")
    static final class RevokeAll implements Callable<Integer> {
        @Mixin
        AdminClient client;

        @Option(names = "--email", required = true)
        String email;

        @Override
        public Integer call() throws Exception {
            return CliOutput.run(() -> {
                JsonNode r = client.send("DELETE", "/api/v1/admin/users/" + AdminClient.segment(email) + "/tokens", null);
                System.out.println("Revoked " + r.path("revoked").asInt() + " token(s) of " + r.path("email").asText());
            });
        }
    }
}
