package dev.quietlog.web;

import dev.quietlog.auth.AccessControl;
import dev.quietlog.auth.Principal;
import dev.quietlog.auth.Role;
import dev.quietlog.db.Database;
import dev.quietlog.directory.Visibility;
import dev.quietlog.directory.Visibility.Scope;
import io.javalin.http.sse.SseClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells open dashboard pages that something they show has changed, within a second or two of the
 * capture's commit. The capture transaction's rollup refresh sends a PostgreSQL NOTIFY naming
 * the org and the reps concerned (refresh_touches); every server copy LISTENs on its own
 * connection and forwards a server-sent event "change" to each page whose viewer may see one of
 * those reps. NOTIFY is delivered only after commit, to every listener on the database, so this
 * works across any number of server copies with no polling.
 */
public final class LiveUpdates implements AutoCloseable {
    static final String CHANNEL = "quietlog_touches";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final int WAIT_MS = 500;
    private static final long HEARTBEAT_MS = 15_000;

    private final Database database;
    private final AccessControl access;
    private final Visibility visibility;
    private final Map<SseClient, Scope> clients = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    public LiveUpdates(Database database, AccessControl access, Visibility visibility) {
        this.database = database;
        this.access = access;
        this.visibility = visibility;
        this.listener = new Thread(this::listen, "quietlog-live-updates");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    /** GET /dashboard/live: a signed-in manager's or admin's page subscribes. */
    public void subscribe(SseClient client) {
        Principal p = access.sessionPrincipal(client.ctx()).filter(x -> x.role() != Role.REP).orElse(null);
        if (p == null) {
            client.sendEvent("signed-out", "sign in again");
            client.close();
            return;
        }
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, visibility.of(p));
        client.sendComment("subscribed");
    }

    public int subscribers() {
        return clients.size();
    }

    private void listen() {
        long lastBeat = System.currentTimeMillis();
        while (running) {
            try (Connection c = database.openDedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                // Anything may have changed while we were not listening.
                clients.keySet().forEach(this::change);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            dispatch(n.getParameter());
                        }
                    }
                    if (System.currentTimeMillis() - lastBeat > HEARTBEAT_MS) {
                        lastBeat = System.currentTimeMillis();
                        clients.keySet().forEach(cl -> cl.sendComment("still here"));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Live updates lost their database connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    /** Payload: "orgId[ userId ...]"; no user ids means any rep of the org. */
    void dispatch(String payload) {
        String[] parts = payload.trim().split(" ");
        UUID org;
        try {
            org = UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            return;
        }
        Set<UUID> users = Arrays.stream(parts).skip(1).map(UUID::fromString).collect(Collectors.toSet());
        clients.forEach((client, scope) -> {
            if (scope.orgId().equals(org) && (users.isEmpty() || scope.wholeOrg() || users.stream().anyMatch(scope::includes))) {
                change(client);
            }
        });
    }

    private void change(SseClient client) {
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        client.sendEvent("change", "1");
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        clients.keySet().forEach(SseClient::close);
    }
}
