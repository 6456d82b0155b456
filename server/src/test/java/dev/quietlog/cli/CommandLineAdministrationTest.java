package dev.quietlog.cli;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.Main;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** IT's command line does what the admin API does, against a running server. */
class CommandLineAdministrationTest extends ServerTest {

    /** Runs `quietlog ARGS --server URL --token ADMIN` and returns exit code and standard output. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run quietlog(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server.baseUrl(), "--token", server.adminToken()));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(all.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void users_add_and_tokens_issue_give_a_rep_a_working_token() {
        Run added = quietlog("users", "add", "--email", "ann@acme.com", "--name", "Ann Rep", "--role", "rep");
        assertEquals(0, added.exitCode(), added.err());
        assertEquals("Created rep Ann Rep <ann@acme.com>", added.out().trim());

        Run issued = quietlog("tokens", "issue", "--email", "ann@acme.com");
        assertEquals(0, issued.exitCode(), issued.err());
        String token = issued.out().trim();
        api.as(token).get("/api/v1/me").then().statusCode(200).body("user.email", equalTo("ann@acme.com"));
    }

    @Test
    void a_refusal_is_one_plain_line_and_exit_code_1() {
        Run run = quietlog("tokens", "issue", "--email", "nobody@acme.com");
        assertEquals(1, run.exitCode());
        assertEquals("Server refused (404): email: no user with email nobody@acme.com", run.err().trim());
    }

    @Test
    void policy_set_changes_the_org_policy_and_show_prints_it() {
        Run set = quietlog("policy", "set", "--internal-domains", "acme.com,acme.co.uk",
                "--never-log-domains", "family.net", "--capture-level", "subject", "--allow-free-mail", "true");
        assertEquals(0, set.exitCode(), set.err());
        api.as(server.adminToken()).get("/api/v1/admin/policy").then().statusCode(200)
                .body("internalDomains", equalTo(List.of("acme.com", "acme.co.uk")))
                .body("neverLog.domains", equalTo(List.of("family.net")))
                .body("captureLevel", equalTo("subject"))
                .body("allowFreeMail", equalTo(true));
        Run show = quietlog("policy", "show");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("\"captureLevel\" : \"subject\""), show.out());
    }
}
