package dev.quietlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.support.Cli;
import dev.quietlog.support.ServerTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `quietlog audit --target X` prints only what was done to X, like the API and the admin page. */
class AuditCommandFiltersTest extends ServerTest {

    @Test
    void target_narrows_the_log_to_one_address() {
        api.userWithToken("tara@acme.com", "Tara Target", "rep");
        api.userWithToken("otto@acme.com", "Otto Other", "rep");
        Cli.Run run = Cli.quietlog(server, "audit", "--target", "TARA@acme.com");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Arrays.asList(run.out().strip().split("\n"));
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.stream().allMatch(l -> l.contains("tara@acme.com")), run.out());
        assertTrue(lines.get(0).contains("token.issued") && lines.get(1).contains("user.created"), run.out());
    }
}
