package dev.quietlog.capture;

import java.sql.SQLException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs a transaction again when PostgreSQL aborts it for a deadlock or a serialization failure.
 * The write path takes its locks in one order so this should not happen; if it ever does, the
 * rep's batch is still stored instead of answered with a 500.
 */
final class Transactions {
    private static final int ATTEMPTS = 3;

    private Transactions() {
    }

    static <T> T retryingOnConflict(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work::withHandle);
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return "40P01".equals(state) || "40001".equals(state);
            }
        }
        return false;
    }
}
