package io.baton.testing.e2e;

import static io.baton.testing.e2e.RunChecks.assertEveryShardSucceededExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.RunRecord;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.zookeeper.ServerModeProbe.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 3: a real 3-server ZooKeeper ensemble, each server its own JVM, killed with SIGKILL one server at
 * a time: with one server gone writes go on, with two gone they fail, and once both are restarted with
 * their data the ensemble serves again with everything written before. A Baton scheduler and worker run a
 * job on the ensemble.
 */
class ZooKeeperQuorumE2ETest {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperQuorumE2ETest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private ClusterProcesses cluster;
    private CuratorFramework zk;
    private final AtomicInteger writes = new AtomicInteger();

    @BeforeEach
    void startEnsemble() {
        cluster = ClusterProcesses.create(ClusterSettings.sameJvm(RunChecks.runDir(getClass())));
        long startedAt = System.currentTimeMillis();
        String connect = cluster.startZooKeeperEnsemble(3);
        log.info("MEASURE ensemble of 3 JVMs launched -> serving a write: {} ms ({})", System.currentTimeMillis() - startedAt, connect);
    }

    @AfterEach
    void stopEnsemble() {
        if (zk != null) zk.close();
        List<ManagedProcess> started = cluster.allProcesses();
        cluster.close();
        RunChecks.assertAllExited(started);
    }

    @Test
    void writesSurviveOneLostServerFailWithoutQuorumAndResumeWithEarlierDataAfterRestarts() throws Exception {
        zk = client(cluster.zkConnect());
        assertThat(zk.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        zk.create().creatingParentsIfNeeded().forPath("/e2e/before", "kept".getBytes(StandardCharsets.UTF_8));

        ManagedProcess firstVictim = awaitEnsembleLeader();
        int first = cluster.zooKeeperEnsemble().serverId(firstVictim);
        long killedAt = System.currentTimeMillis();
        assertThat(firstVictim.kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);
        String duringOneDown = await("a write with the leader gone").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(this::write, path -> true);
        log.info("MEASURE ZooKeeper leader {} killed -> next write succeeds: {} ms", firstVictim, System.currentTimeMillis() - killedAt);

        ManagedProcess secondVictim = cluster.zooKeeperNodes().stream().filter(ManagedProcess::isAlive).findFirst().orElseThrow();
        int second = cluster.zooKeeperEnsemble().serverId(secondVictim);
        killedAt = System.currentTimeMillis();
        assertThat(secondVictim.kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);
        // a client of the killed server fails at once; one of the survivor fails once it stops leading
        await("a failed write").atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> tryWrite().isEmpty());
        long firstFailure = System.currentTimeMillis() - killedAt;
        await("no leader and a failed write").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.zooKeeperLeader().isEmpty() && tryWrite().isEmpty());
        log.info("MEASURE second ZooKeeper server {} killed -> first write fails {} ms, no leader and writes fail {} ms",
                secondVictim, firstFailure, System.currentTimeMillis() - killedAt);
        assertThat(tryWrite()).isEmpty();

        long restartedAt = System.currentTimeMillis();
        cluster.restartZooKeeperNode(first);
        long firstUp = System.currentTimeMillis();
        await("a write with quorum back").atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(this::write, p -> true);
        log.info("MEASURE restart of server {} -> process up {} ms, quorum back (write succeeds) {} ms", first,
                firstUp - restartedAt, System.currentTimeMillis() - restartedAt);

        restartedAt = System.currentTimeMillis();
        cluster.restartZooKeeperNode(second);
        long secondUp = System.currentTimeMillis();
        await("server " + second + " rejoined").atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.zooKeeperEnsemble().mode(second), m -> m.filter(Mode.FOLLOWER::equals).isPresent());
        log.info("MEASURE restart of server {} into a serving ensemble -> process up {} ms, following {} ms", second,
                secondUp - restartedAt, System.currentTimeMillis() - restartedAt);

        assertThat(zk.getData().forPath("/e2e/before")).asString(StandardCharsets.UTF_8).isEqualTo("kept");
        assertThat(zk.checkExists().forPath(duringOneDown)).isNotNull();
        assertThat(zk.getChildren().forPath("/e2e")).hasSize(writes.get() + 1);
        assertThat(cluster.zooKeeperNodes()).allMatch(ManagedProcess::isAlive);
        assertThat(cluster.zooKeeperLeader()).isPresent();
    }

    @Test
    void aBatonSchedulerAndWorkerOnTheEnsembleCompleteAJob() {
        cluster.startNodes(List.of("s1"), List.of("w1"), 2);
        BatonClient client = cluster.client();

        RunRecord run = client.submit(JobSpecs.runNow("on-ensemble", "demo.sleep", 4).setJobParameter("100").build()).orElseThrow();
        RunRecord done = ProcessClusterTest.awaitFinished(client, run.getRunId(), Duration.ofSeconds(30));

        assertEveryShardSucceededExactlyOnce(done, 4);
        assertThat(cluster.probe().workers()).containsExactly("w1");
    }

    private ManagedProcess awaitEnsembleLeader() {
        return await("a ZooKeeper leader").atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(cluster::zooKeeperLeader, Optional::isPresent).orElseThrow();
    }

    /**
     * Creates the next {@code /e2e/w-N}; throws when ZooKeeper does not take it (no retries, 1 s to connect).
     * A node that exists already is this write, retried after its answer was lost with the connection.
     */
    private String write() throws Exception {
        String path = "/e2e/w-" + writes.get();
        try {
            zk.create().forPath(path);
        } catch (KeeperException.NodeExistsException e) {
            log.info("{} was written before its answer was lost", path);
        }
        writes.incrementAndGet();
        return path;
    }

    private Optional<String> tryWrite() {
        try {
            return Optional.of(write());
        } catch (Exception e) {
            log.info("write failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private static CuratorFramework client(String connect) {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connect)
                .sessionTimeoutMs(4000).connectionTimeoutMs(1000).retryPolicy(new RetryNTimes(0, 0)).build();
        client.start();
        return client;
    }
}
