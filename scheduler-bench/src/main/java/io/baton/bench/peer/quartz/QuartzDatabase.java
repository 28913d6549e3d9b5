package io.baton.bench.peer.quartz;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.h2.tools.Server;

/**
 * The database of the Quartz peer: an H2 server in TCP mode on loopback, started in the harness JVM,
 * holding one fresh file database in the scenario's folder with Quartz's tables ({@link QuartzSchema}).
 * The Quartz instances reach it over TCP as they would a database server. H2 counts the statements it
 * executes ({@code QUERY_STATISTICS}), so {@link #writeStatements()} tells how many INSERT, UPDATE and
 * DELETE statements the cluster ran. Also answers the harness's progress queries. Closed by its
 * {@link QuartzPeer}.
 */
final class QuartzDatabase implements AutoCloseable {
    private static final String USER = "quartz";
    /** Quartz waits on a row lock for its whole cluster; H2's default timeout would fail busy acquisitions. */
    private static final int LOCK_TIMEOUT_MILLIS = 30_000;

    private final Server server;
    private final DatabaseAddress address;
    private final Connection admin;

    private QuartzDatabase(Server server, DatabaseAddress address, Connection admin) {
        this.server = server;
        this.address = address;
        this.admin = admin;
    }

    static QuartzDatabase start(Path folder) {
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-baseDir", folder.toAbsolutePath().toString(), "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 server in " + folder + ": " + e.getMessage(), e);
        }
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        DatabaseAddress address = new DatabaseAddress("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/quartz;LOCK_TIMEOUT="
                + LOCK_TIMEOUT_MILLIS, USER, HexFormat.of().formatHex(secret));
        try {
            Connection admin = DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password());
            try (Statement s = admin.createStatement()) {
                for (String sql : QuartzSchema.fromQuartzJar()) s.execute(sql);
                s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
                s.execute("SET QUERY_STATISTICS TRUE");
            }
            return new QuartzDatabase(server, address, admin);
        } catch (SQLException | RuntimeException e) {
            server.stop();
            throw new IllegalStateException("cannot create Quartz's tables in " + address.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    DatabaseAddress address() {
        return address;
    }

    /** INSERT, UPDATE, DELETE and MERGE statements executed so far (Quartz runs one per row it changes). */
    long writeStatements() {
        return queryLong("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                + " WHERE UPPER(SQL_STATEMENT) LIKE 'INSERT%' OR UPPER(SQL_STATEMENT) LIKE 'UPDATE%'"
                + " OR UPPER(SQL_STATEMENT) LIKE 'DELETE%' OR UPPER(SQL_STATEMENT) LIKE 'MERGE%'");
    }

    /** Triggers of {@code group} still stored: a one-shot trigger is deleted when its execution completes. */
    long triggersIn(String group) {
        return queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_GROUP = ?", QuartzProperties.SCHEDULER_NAME, group);
    }

    /** Triggers whose next fire is before {@code epochMillis}: none once every fire before it has been fired. */
    long triggersDueBefore(long epochMillis) {
        return queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND NEXT_FIRE_TIME < ?", QuartzProperties.SCHEDULER_NAME, epochMillis);
    }

    private long queryLong(String sql, Object... params) {
        try (PreparedStatement s = admin.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on the Quartz database: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Statement s = admin.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // the database is going away either way: the server stops below
        } finally {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // closed by SHUTDOWN already
            }
            server.stop();
        }
    }
}
