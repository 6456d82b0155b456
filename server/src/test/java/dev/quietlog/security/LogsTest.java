package dev.quietlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quietlog.app.SafeLog;
import dev.quietlog.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 500 logs the SQLSTATE and the statement's name, never the values bound to it; logged paths mask addresses. */
class LogsTest extends ServerTest {

    private static String capturingStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_database_failure_logs_its_sqlstate_and_statement_but_no_bound_value() {
        // A constraint the code does not expect: the insert fails with the customer's address in
        // the driver's message ("Failing row contains ...") and in Jdbi's list of arguments.
        server.database().jdbi().useHandle(h -> h.execute(
                "alter table user_never_log add constraint test_refuses check (value <> 'secret-customer@globex.com')"));
        String rep = api.userWithToken("logs@acme.com", "Log Rep", "rep");
        String log = capturingStderr(() -> api.as(rep)
                .body(Map.of("addresses", List.of("secret-customer@globex.com"), "domains", List.of()))
                .put("/api/v1/me/never-log").then().statusCode(500)
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("globex"))));
        assertTrue(log.contains("SQLSTATE 23514"), log);
        assertFalse(log.contains("secret-customer"), log);
        assertFalse(log.contains("globex"), log);
        assertFalse(log.contains("logs@acme.com"), log);
    }

    @Test
    void addresses_in_logged_paths_and_messages_are_masked() {
        assertEquals("GET /api/v1/contacts/c***@globex.com/summary",
                SafeLog.maskAddresses("GET /api/v1/contacts/carla.customer@globex.com/summary"));
        assertEquals("/api/v1/contacts/c***%40globex.com/summary",
                SafeLog.maskAddresses("/api/v1/contacts/carla%40globex.com/summary"));
        assertEquals("email: a user with email a***@acme.com already exists",
                SafeLog.maskAddresses("email: a user with email ann.rep+x@acme.com already exists"));
    }
}
