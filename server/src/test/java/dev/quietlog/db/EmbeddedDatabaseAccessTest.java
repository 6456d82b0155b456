package dev.quietlog.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user of the machine cannot reach the embedded PostgreSQL: no login without the
 * password over TCP or the socket, the socket is not in the shared temp dir, and the server
 * itself is not a superuser. A data dir made by an earlier version (trust logins) is upgraded.
 */
class EmbeddedDatabaseAccessTest {
    @TempDir
    static Path dataDir;
    private static EmbeddedDatabase db;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.start(dataDir);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String tcpUrl() {
        return "jdbc:postgresql://localhost:" + db.port() + "/postgres";
    }

    @Test
    void a_tcp_login_without_the_password_is_refused_for_every_role() {
        for (String user : new String[] {"postgres", "quietlog"}) {
            Properties props = new Properties();
            props.setProperty("user", user);
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(tcpUrl(), props).close());
            assertTrue(e.getMessage().contains("password"), e.getMessage());
            props.setProperty("password", "guess");
            SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(tcpUrl(), props).close());
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
        }
    }

    @Test
    void the_server_asks_for_scram_over_tcp_and_over_the_socket_never_trusting() throws IOException {
        Path socket = db.socketDirectory().resolve(".s.PGSQL." + db.port());
        assertTrue(Files.exists(socket), "socket at " + socket);
        assertEquals(AUTH_SASL, authenticationRequest(UnixDomainSocketAddress.of(socket)), "socket");
        assertEquals(AUTH_SASL, authenticationRequest(new InetSocketAddress("127.0.0.1", db.port())), "tcp");
    }

    @Test
    void the_socket_lives_in_a_private_directory_of_the_data_dir_not_in_the_shared_temp_dir() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertFalse(Files.exists(tmp.resolve(".s.PGSQL." + db.port())), "a socket in " + tmp);
        assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + db.port())), "a socket in /tmp");
        assertTrue(db.socketDirectory().startsWith(dataDir), db.socketDirectory().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.socketDirectory())));
    }

    @Test
    void the_passwords_are_kept_in_files_only_the_servers_user_can_read() throws IOException {
        for (String file : new String[] {ClusterSecurity.SUPERUSER_PASSWORD_FILE, ClusterSecurity.APP_PASSWORD_FILE}) {
            Path p = dataDir.resolve(file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), file);
            assertTrue(Files.readString(p).trim().length() >= 40, file);
        }
        assertFalse(Files.readString(dataDir.resolve("postgres/pg_hba.conf")).matches("(?s).*^\\s*(local|host)\\S*\\s.*\\btrust\\b.*"));
    }

    @Test
    void the_server_connects_as_a_role_that_owns_the_schema_but_is_not_a_superuser() throws SQLException {
        DatabaseUrl url = db.databaseUrl();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select current_user, rolsuper, rolcreaterole, rolcreatedb "
                    + "from pg_roles where rolname = current_user");
            rs.next();
            assertEquals("quietlog", rs.getString(1));
            assertFalse(rs.getBoolean(2), "superuser");
            assertFalse(rs.getBoolean(3), "createrole");
            assertFalse(rs.getBoolean(4), "createdb");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("copy (select 1) to program 'true'"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
            s.execute("create table owned_here (id int)");
            rs = s.executeQuery("select tableowner from pg_tables where tablename = 'owned_here'");
            rs.next();
            assertEquals("quietlog", rs.getString(1));
        }
    }

    @Test
    void a_data_dir_made_by_the_previous_version_with_trust_logins_is_upgraded_and_keeps_its_data(@TempDir Path old)
            throws Exception {
        // What earlier versions did: zonky's defaults (initdb -A trust), the server as superuser.
        Path pgData = old.resolve("postgres");
        try (EmbeddedPostgres previous = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).start();
             Connection c = previous.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table interactions (id int primary key, subject text)");
            s.execute("insert into interactions values (1, 'kept')");
            s.execute("create function answer() returns int language sql as 'select 42'");
        }
        try (EmbeddedDatabase upgraded = EmbeddedDatabase.start(old)) {
            DatabaseUrl url = upgraded.databaseUrl();
            try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                 Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("select subject, answer() from interactions where id = 1");
                rs.next();
                assertEquals("kept", rs.getString(1));
                assertEquals(42, rs.getInt(2));
                s.execute("alter table interactions add column more text"); // only an owner may
            }
            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + upgraded.port() + "/postgres", noPassword).close());
        }
    }

    private static final int AUTH_SASL = 10;

    /**
     * Sends a protocol-3 startup message as "postgres" and returns the authentication request code
     * the server answers with: 0 would mean it let us in without a password, 10 asks for SCRAM.
     */
    private static int authenticationRequest(SocketAddress address) throws IOException {
        try (SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            ch.connect(address);
            byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer startup = ByteBuffer.allocate(8 + params.length);
            startup.putInt(8 + params.length).putInt(196608).put(params).flip();
            ch.write(startup);
            ByteBuffer reply = ByteBuffer.allocate(9);
            while (reply.hasRemaining() && ch.read(reply) >= 0) {
                // read the message type, its length and the request code
            }
            reply.flip();
            assertEquals('R', (char) reply.get(), "an authentication request");
            reply.getInt();
            return reply.getInt();
        }
    }
}
