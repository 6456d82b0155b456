package dev.quietlog.app;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.StatementException;

/**
 * What may go into a log line about a request. Paths carry customer addresses
 * (/api/v1/contacts/carla@globex.com/summary) and database errors carry the values bound to the
 * statement (subjects, addresses): logs keep the first letter of an address and, for a database
 * error, only its SQLSTATE and the statement's name.
 */
public final class SafeLog {
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+!#$'*^`{}~-]*(@|%40)",
            Pattern.CASE_INSENSITIVE);

    private SafeLog() {
    }

    /** carla@globex.com -> c***@globex.com, also when the @ is percent-encoded. */
    public static String maskAddresses(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("$1***$2");
    }

    /** Null when the failure has no database error in its causes. */
    static String describeDatabaseError(Throwable e) {
        SQLException sql = null;
        StatementException statement = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StatementException s && statement == null) {
                statement = s;
            }
            if (t instanceof SQLException s && sql == null) {
                sql = s;
            }
        }
        if (sql == null && statement == null) {
            return null;
        }
        String state = sql == null ? "unknown" : sql.getSQLState();
        return "database error, SQLSTATE " + state + " in " + statementName(statement, e)
                + " (" + e.getClass().getSimpleName() + ", bound values not logged)";
    }

    private static String statementName(StatementException statement, Throwable e) {
        if (statement != null && statement.getStatementContext() != null) {
            ExtensionMethod m = statement.getStatementContext().getExtensionMethod();
            if (m != null) {
                return m.getType().getSimpleName() + "." + m.getMethod().getName();
            }
        }
        // A fluent statement has no name: where our code ran it is the next best thing.
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.quietlog.")) {
                String cls = frame.getClassName();
                return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
            }
        }
        return "an unnamed statement";
    }
}
