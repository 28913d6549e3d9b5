package io.baton.bench.peer.quartz;

import io.baton.bench.macro.BenchCluster;
import io.baton.testing.process.JvmCommand;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.process.ProcessRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clustered Quartz for one scenario, the peer Baton's macro figures are set against: the H2 database
 * ({@link QuartzDatabase}, in this JVM) and {@code instances} Quartz members ({@link QuartzInstanceMain}),
 * each in its own JVM with the same options as Baton's benchmark JVMs, plus a never-started client
 * scheduler through which the harness stores jobs and triggers. Everything lives in the scenario's folder
 * (database, member logs, journals) and is stopped on {@link #close()}, also when starting fails.
 */
final class QuartzPeer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuartzPeer.class);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /**
     * Connections in each member's pool: Quartz's default. The pool its documentation suggests (threads + 3)
     * was 3× slower here: every waiting job thread holds a session blocked on the lock row, and each release
     * wakes them all; H2 also refuses a 256th open transaction.
     */
    static final int CONNECTIONS_PER_MEMBER = 10;
    /** H2 refuses a 256th open transaction; the harness keeps a few connections of its own. */
    private static final int MAX_MEMBER_CONNECTIONS = 240;

    private final Path runDir;
    private final QuartzDatabase database;
    private final List<ManagedProcess> members = new ArrayList<>();
    private Scheduler client;

    private QuartzPeer(Path runDir, QuartzDatabase database) {
        this.runDir = runDir;
        this.database = database;
    }

    static QuartzPeer start(Path runDir, int instances, int threads) {
        if (instances < 1 || instances * CONNECTIONS_PER_MEMBER > MAX_MEMBER_CONNECTIONS) {
            throw new IllegalArgumentException("the peer runs 1 to " + MAX_MEMBER_CONNECTIONS / CONNECTIONS_PER_MEMBER + " Quartz instances, not " + instances);
        }
        createEmpty(runDir);
        long t0 = System.nanoTime();
        QuartzPeer peer = new QuartzPeer(runDir, QuartzDatabase.start(runDir.resolve("db")));
        long t1 = System.nanoTime();
        try {
            for (int i = 1; i <= instances; i++) peer.members.add(peer.launch("q" + i, threads, CONNECTIONS_PER_MEMBER));
            for (ManagedProcess member : peer.members) member.awaitReady(READY);
            peer.client = new StdSchedulerFactory(QuartzProperties.client(peer.database.address())).getScheduler();
            log.info("Quartz peer in {}: database ready in {} ms, {} instances ready {} ms later", runDir, (t1 - t0) / 1_000_000,
                    instances, (System.nanoTime() - t1) / 1_000_000);
            return peer;
        } catch (RuntimeException | SchedulerException e) {
            peer.close();
            throw new IllegalStateException("the Quartz peer did not start: " + e.getMessage(), e);
        }
    }

    private ManagedProcess launch(String id, int threads, int connections) {
        DatabaseAddress db = database.address();
        List<String> args = List.of("--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password(), "--id", id,
                "--threads", Integer.toString(threads), "--connections", Integer.toString(connections), "--journal", journal(id).toString());
        JvmCommand command = new JvmCommand(JvmCommand.currentJava(), jvmOptions(), System.getProperty("java.class.path"),
                QuartzInstanceMain.class.getName(), args, true);
        return ManagedProcess.launch(id, ProcessRole.WORKER, command.argv(), runDir.resolve(id + ".log"));
    }

    /** Baton's benchmark JVMs' options (BenchCluster), so neither side gets a bigger heap or another collector. */
    private List<String> jvmOptions() {
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
                "-Dlogback.configurationFile=baton-process-logback.xml"));
        if (System.getProperty(BenchCluster.PROFILE_PROPERTY) != null) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + runDir.resolve("jfr").toAbsolutePath() + "/");
        }
        return jvm;
    }

    private Path journal(String id) {
        return runDir.resolve(id + ".journal").toAbsolutePath();
    }

    /** Stores jobs and triggers in the cluster's database; never fires anything itself. */
    Scheduler client() {
        return client;
    }

    QuartzDatabase database() {
        return database;
    }

    /**
     * Stops every member gracefully (running jobs finish, journals are flushed) and returns what all of
     * them journaled.
     */
    List<ExecutionRecord> stopAndReadJournals() {
        for (ManagedProcess member : members) member.terminate(STOP_GRACE);
        List<ExecutionRecord> records = new ArrayList<>();
        for (ManagedProcess member : members) records.addAll(ExecutionJournal.read(journal(member.name())));
        return records;
    }

    /** Polls {@code done} (a database query) every 50 ms until it holds; fails when a member dies or after {@code timeout}. */
    void await(String what, BooleanSupplier done, Duration timeout) {
        if (!awaitUpTo(done, timeout)) throw new IllegalStateException("Quartz peer: " + what + " not within " + timeout);
    }

    /** Like {@link #await} but answers false after {@code timeout} instead of failing. */
    boolean awaitUpTo(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            for (ManagedProcess member : members) {
                if (!member.isAlive()) throw new IllegalStateException("Quartz instance " + member.name() + " exited; log " + member.logFile());
            }
            if (System.nanoTime() > deadline) return false;
            BenchCluster.pause(50);
        }
        return true;
    }

    private static void createEmpty(Path runDir) {
        try {
            if (Files.isDirectory(runDir)) {
                try (var entries = Files.list(runDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("Quartz peer folder " + runDir + " is not empty; choose a fresh --out folder");
                    }
                }
            }
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (client != null) client.shutdown(false);
        } catch (SchedulerException e) {
            throw new IllegalStateException("the harness's Quartz client did not shut down: " + e.getMessage(), e);
        } finally {
            members.forEach(ManagedProcess::close);
            database.close();
        }
    }
}
