package dev.quietlog.db;

import java.sql.SQLException;
import java.util.Optional;

/** Reads what PostgreSQL said about a failed statement, through whatever wraps it. */
public final class SqlStates {
    private SqlStates() {
    }

    /** The SQLSTATE of the first SQL exception in the cause chain, or "" when there is none. */
    public static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /**
     * A data exception (SQLSTATE class 22: a value out of range, an invalid character, a bad
     * date): the request carried a value the database cannot store, which is the client's fault,
     * never a server error.
     */
    public static Optional<String> dataException(Throwable e) {
        String state = of(e);
        return state.startsWith("22") ? Optional.of(state) : Optional.empty();
    }
}
