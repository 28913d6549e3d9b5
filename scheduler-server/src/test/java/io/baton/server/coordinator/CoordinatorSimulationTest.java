package io.baton.server.coordinator;

import static io.baton.server.coordinator.SimulationInvariants.require;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the leader's pure state through a few thousand random events per seed (runs triggered and fired,
 * workers joining, crashing, reconnecting, reports late, twice or out of order, group commits, leader
 * changes) and checks {@link SimulationInvariants} after every one; at the end every worker stays up until
 * everything is delivered, and every durable run must have succeeded with each shard succeeded exactly once.
 * A failure names its seed; re-run just that one with {@code -Dbaton.sim.seed=<seed>}.
 */
class CoordinatorSimulationTest {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorSimulationTest.class);
    private static final int STEPS = 3000;

    static LongStream seeds() {
        String one = System.getProperty("baton.sim.seed");
        if (one != null && !one.isBlank()) return LongStream.of(Long.parseLong(one.trim()));
        return LongStream.rangeClosed(1, 20).map(i -> 1_000_003L * i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRunSucceedsWithEachShardSucceededExactlyOnce(long seed) {
        SimulatedCluster cluster = new SimulatedCluster(seed);
        try {
            for (int step = 0; step < STEPS; step++) {
                try {
                    cluster.step();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("at step " + step + ": " + e.getMessage(), e);
                }
            }
            require(cluster.settle(), "the cluster never settled once every worker stayed up");
            checkEverythingFinished(cluster);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation seed " + seed + " failed (re-run: -Dbaton.sim.seed=" + seed + "): "
                    + e.getMessage() + "\n" + cluster.describe(), e);
        }
        long runs = cluster.storedRuns().size();
        log.info("seed {}: {} runs succeeded; {}", seed, runs, cluster.stats());
        assertThat(runs).as("seed %d created too few runs to mean anything", seed).isGreaterThanOrEqualTo(10);
        assertThat(cluster.stats().leaderChanges).as("seed %d never changed leader", seed).isPositive();
        if (cluster.fireLead() > 0) {
            assertThat(cluster.stats().firesDecidedAhead).as("seed %d decided no fire ahead", seed).isPositive();
        }
    }

    private static void checkEverythingFinished(SimulatedCluster cluster) {
        CoordinatorState leader = cluster.leader();
        require(!leader.isRecovering(), "still recovering");
        require(cluster.quiet(), "messages or writes still pending");
        require(leader.activeRuns().isEmpty(), "runs still in memory: %s",
                leader.activeRuns().stream().map(RunRecord::getRunId).toList());
        for (RunRecord run : cluster.storedRuns().values()) {
            require(run.getState() == RunState.RUN_STATE_SUCCEEDED, "run %s ended %s", run.getRunId(), run.getState());
            for (ShardRecord s : run.getShardsList()) {
                require(s.getState() == ShardState.SHARD_STATE_SUCCEEDED && s.getSuccessCount() == 1,
                        "run %s shard %d ended %s with success_count %d", run.getRunId(), s.getIndex(), s.getState(),
                        s.getSuccessCount());
                require(cluster.invariants().reportedSuccesses().contains(SimulationInvariants.attemptOf(run.getRunId(), s)),
                        "run %s shard %d recorded a success no worker reported", run.getRunId(), s.getIndex());
            }
        }
        for (SimulatedWorker w : cluster.workers().values()) {
            require(w.outbox().isEmpty() && w.running().isEmpty(), "worker %s still holds %s", w.id, w.outbox());
        }
    }

    @Test
    void sameSeedReplaysTheSameHistory() {
        assertThat(history(42)).isEqualTo(history(42));
        assertThat(history(42)).isNotEqualTo(history(43));
    }

    private static String history(long seed) {
        SimulatedCluster cluster = new SimulatedCluster(seed);
        for (int step = 0; step < 500; step++) cluster.step();
        return cluster.describe() + cluster.storedRuns().values().stream()
                .map(r -> r.getRunId() + ":" + r.getState() + r.getShardsList().stream()
                        .map(s -> s.getState() + "/" + s.getAttempt() + "@" + s.getAssignEpoch()).toList())
                .toList();
    }
}
