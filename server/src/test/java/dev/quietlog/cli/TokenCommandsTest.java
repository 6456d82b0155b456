package dev.quietlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.Cli;
import dev.quietlog.support.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `quietlog tokens list|revoke|revoke-all|issue --csv` against a running server. */
class TokenCommandsTest extends ServerTest {

    private static Cli.Run quietlog(String... args) {
        return Cli.quietlog(server, args);
    }

    @Test
    void issue_from_a_csv_prints_one_token_per_address_and_names_the_bad_lines() throws Exception {
        for (String e : List.of("c1@acme.com", "c2@acme.com")) {
            assertEquals(0, quietlog("users", "add", "--email", e, "--name", "C Rep", "--role", "rep").exitCode());
        }
        Path csv = Files.createTempFile("reps", ".csv");
        Files.writeString(csv, "email\nc1@acme.com\nc2@acme.com\nghost@acme.com\n");
        Cli.Run run = quietlog("tokens", "issue", "--csv", csv.toString());
        assertEquals(1, run.exitCode(), "a line without a token makes the exit code 1");
        List<String> lines = Arrays.asList(run.out().strip().split("\n"));
        assertEquals("email,token,expiresAt", lines.get(0));
        assertEquals(3, lines.size(), run.out());
        String token = lines.get(1).split(",")[1];
        api.as(token).get("/api/v1/me").then().statusCode(200);
        assertTrue(run.err().contains("line 4 (ghost@acme.com): no user with email ghost@acme.com"), run.err());
    }

    @Test
    void list_revoke_and_revoke_all() {
        String t1 = api.userWithToken("cli@acme.com", "Cli Rep", "rep");
        String t2 = quietlog("tokens", "issue", "--email", "cli@acme.com").out().strip();
        String id1 = server.services().tokens().verifyAccessToken(t1).orElseThrow().accessTokenId().toString();

        Cli.Run list = quietlog("tokens", "list", "--email", "cli@acme.com");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains(id1), list.out());
        assertTrue(list.out().contains("admin@acme.com"), "issued by: " + list.out());
        assertTrue(!list.out().contains(t1) && !list.out().contains(t2), "never the token itself");

        Cli.Run revoke = quietlog("tokens", "revoke", id1);
        assertEquals(0, revoke.exitCode(), revoke.err());
        assertEquals("Revoked token " + id1 + " of cli@acme.com", revoke.out().strip());
        api.as(t1).get("/api/v1/me").then().statusCode(401);
        api.as(t2).get("/api/v1/me").then().statusCode(200);

        Cli.Run all = quietlog("tokens", "revoke-all", "--email", "cli@acme.com");
        assertEquals(0, all.exitCode(), all.err());
        assertEquals("Revoked 1 token(s) of cli@acme.com", all.out().strip());
        api.as(t2).get("/api/v1/me").then().statusCode(401);
    }
}
