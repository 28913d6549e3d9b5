package io.baton.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.journal.JournalAudit;
import io.baton.testing.journal.JournalEntry;
import io.baton.testing.process.ManagedProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Assertions the end-to-end tests share: the run's own record and the workers' journals. */
final class RunChecks {
    private RunChecks() {}

    /** A fresh run directory under target/, named after the test, kept for reading logs after a failure. */
    static Path runDir(Class<?> test) {
        return Path.of("target", "e2e-runs", test.getSimpleName() + "-" + System.currentTimeMillis()).toAbsolutePath();
    }

    static void assertEveryShardSucceededExactlyOnce(RunRecord run, int shards) {
        assertThat(run.getState()).as("run state of %s", run.getRunId()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(run.getShardsList()).hasSize(shards).allSatisfy(s -> {
            assertThat(s.getState()).as("state of shard %d", s.getIndex()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
            assertThat(s.getSuccessCount()).as("success_count of shard %d", s.getIndex()).isEqualTo(1);
        });
    }

    static JournalAudit audit(ClusterProcesses cluster, String runId) {
        return new JournalAudit(runId, JournalEntry.readAll(cluster.journals()));
    }

    /** Shards of {@code run} that the record shows RUNNING on {@code workerId}. */
    static Map<Integer, ShardRecord> runningOn(RunRecord run, String workerId) {
        return run.getShardsList().stream()
                .filter(s -> s.getState() == ShardState.SHARD_STATE_RUNNING && s.getWorkerId().equals(workerId))
                .collect(Collectors.toMap(ShardRecord::getIndex, s -> s));
    }

    /** The worker with the most RUNNING shards, if any runs one. */
    static Optional<String> busiestWorker(RunRecord run) {
        return run.getShardsList().stream().filter(s -> s.getState() == ShardState.SHARD_STATE_RUNNING)
                .collect(Collectors.groupingBy(ShardRecord::getWorkerId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    static long count(RunRecord run, ShardState state) {
        return run.getShardsList().stream().filter(s -> s.getState() == state).count();
    }

    /** Every process the cluster started has exited (no stray JVMs). */
    static void assertAllExited(List<ManagedProcess> processes) {
        assertThat(processes).allSatisfy(p ->
                assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)).as("%s alive", p).isFalse());
    }

    /** No process tagged with this run directory ({@code -Dbaton.run=<dir>}, see ClusterProcesses) is alive. */
    static void assertNoProcessesLeft(Path runDir) {
        String tag = "-Dbaton.run=" + runDir.toAbsolutePath();
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(tag)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertThat(left).as("processes of %s still alive", runDir).isEmpty();
    }
}
