package dev.quietlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.Main;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `scripts/quietlog demo` fills the org through the real API with a team that has a history. */
class DemoDataTest extends ServerTest {

    @Test
    void the_demo_makes_teams_reps_accounts_and_months_of_varied_touches() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("demo", "--days", "60",
                    "--server", server.baseUrl(), "--token", server.adminToken());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        assertEquals(3, server.count("select count(*) from teams"));
        assertEquals(12, server.count("select count(*) from team_members where role = 'rep'"));
        assertEquals(40, server.count("select count(*) from accounts"));
        assertTrue(server.count("select count(*) from interactions where kind = 'email'") > 1000);
        assertTrue(server.count("select count(*) from interactions where status = 'cancelled'") > 0, "cancelled meetings");
        assertTrue(server.count("select count(*) from interactions where source_sequence = 2 and status = 'confirmed'") > 0, "moved meetings");
        assertTrue(server.count("select count(*) from rep_touches where kind = 'meeting' and not counted") > 0, "declined or cancelled");
        assertTrue(server.count("select count(*) from interactions where occurred_at > now()") > 0, "meetings ahead");
        assertTrue(server.count("select count(*) from account_activity where last_day < current_date - 30") > 0, "cold accounts");
    }
}
