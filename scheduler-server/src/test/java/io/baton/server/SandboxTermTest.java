package io.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;
import io.baton.server.coordinator.CoordinatorConfig;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A follower's rehearsal of a whole term ({@link SandboxTerm}) on a real ZooKeeper: it goes through every
 * step in its own sandbox and leaves the cluster's data, even a job of the same name, exactly as it was.
 */
class SandboxTermTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private final RpcRuntime runtime = new RpcRuntime("sandbox-test", 1);
    private final ExecutorService reads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        reads.shutdownNow();
        runtime.close();
    }

    @Test
    void playsAWholeTermInItsSandboxTwiceAndLeavesTheClusterDataAlone() throws Exception {
        CuratorFramework client = zk.newClient();
        LeaderTerm clusterTerm = new EpochStore(client).bump();
        RunStore clusterRuns = new RunStore(client);
        try {
            // the cluster has a job of the sandbox job's name: a rehearsal must neither see nor touch it
            clusterRuns.createJob(JobRecord.newBuilder().setVersion(1).setSpec(JobSpec.newBuilder().setName(SandboxTerm.JOB).setHandler("h")
                    .setShardCount(1).setSchedule(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()))).build(), clusterTerm)
                    .get(5, TimeUnit.SECONDS);
        } finally {
            clusterRuns.close();
        }
        Map<String, String> before = tree(client, "/");

        try (SandboxTerm sandbox = sandbox(client, () -> false)) {
            assertThat(sandbox.play()).isEqualTo(new SandboxTerm.Outcome(7, false, true));
            assertThat(sandbox.play()).as("again, on what the first play left (its epoch, its parents)")
                    .isEqualTo(new SandboxTerm.Outcome(7, false, true));
            assertThat(sandbox.shardsDispatched()).as("the rehearsed terms dispatched to their worker").isPositive();
        }

        assertThat(tree(client, "/")).as("every cluster node, its data and version").isEqualTo(before);
        CuratorFramework inSandbox = client.usingNamespace(SandboxTerm.namespaceOf(client.getNamespace(), "s1"));
        assertThat(new JobStore(inSandbox).loadAll()).as("the sandbox job was deleted with its runs").isEmpty();
        assertThat(inSandbox.getChildren().forPath(ZkPaths.RUNS).stream().mapToInt(bucket -> childCount(inSandbox, ZkPaths.RUNS + "/" + bucket)).sum())
                .as("no active run left in the sandbox").isZero();
        assertThat(new EpochStore(inSandbox).current()).as("two sandbox terms per play: won, then handed on").isEqualTo(4);
        // a latch that closes deletes its node in the background
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(inSandbox.getChildren().forPath(ZkPaths.ELECTION)).as("both candidates left the sandbox's election").isEmpty());
        assertThat(inSandbox.checkExists().forPath(ZkPaths.LEADER)).as("and its /leader").isNull();
    }

    @Test
    void stopsBetweenStepsOnceThisNodeLeadsAndTheNextPlayClearsWhatThatOneLeft() throws Exception {
        CuratorFramework client = zk.newClient();
        AtomicInteger checks = new AtomicInteger();
        boolean[] leads = {true};
        // leads from the third check on: the job is submitted and triggered, then the play stops
        BooleanSupplier leading = () -> leads[0] && checks.incrementAndGet() > 2;
        CuratorFramework inSandbox = client.usingNamespace(SandboxTerm.namespaceOf(client.getNamespace(), "s1"));

        try (SandboxTerm sandbox = sandbox(client, leading)) {
            assertThat(sandbox.play()).isEqualTo(new SandboxTerm.Outcome(2, true, false));
            assertThat(new JobStore(inSandbox).loadAll()).extracting(j -> j.getSpec().getName()).containsExactly(SandboxTerm.JOB);

            leads[0] = false;
            assertThat(sandbox.play()).isEqualTo(new SandboxTerm.Outcome(7, false, true));
        }
        assertThat(new JobStore(inSandbox).loadAll()).isEmpty();
    }

    @Test
    void aCandidateLeftInTheSandboxByAnEarlierProcessOfTheNodeDoesNotHoldTheRehearsalUp() throws Exception {
        CuratorFramework client = zk.newClient();
        CuratorFramework earlier = zk.newClient(); // a killed process's session, not expired yet
        CuratorFramework earlierSandbox = earlier.usingNamespace(SandboxTerm.namespaceOf(earlier.getNamespace(), "s1"));
        LeaderLatch ghost = new LeaderLatch(earlierSandbox, ZkPaths.ELECTION, "ghost");
        ghost.start();
        assertThat(ghost.await(10, TimeUnit.SECONDS)).isTrue();

        try (SandboxTerm sandbox = sandbox(client, () -> false)) {
            assertThat(sandbox.play()).isEqualTo(new SandboxTerm.Outcome(7, false, true));
        }
        // its latch node was deleted (without that, the rehearsal's candidate would have waited behind it and failed)
        assertThat(earlierSandbox.checkExists().forPath(ghost.getOurPath())).isNull();
    }

    private SandboxTerm sandbox(CuratorFramework client, BooleanSupplier leading) {
        return new SandboxTerm(client, "s1", runtime, RpcConfig.defaults(), Clock.systemUTC(), CoordinatorConfig.defaults(), reads, leading);
    }

    /** Every node below {@code path} but the sandboxes: path → version and data. */
    private static Map<String, String> tree(CuratorFramework client, String path) throws Exception {
        Map<String, String> out = new TreeMap<>();
        Stat stat = new Stat();
        byte[] data = client.getData().storingStatIn(stat).forPath(path);
        out.put(path, stat.getVersion() + ":" + Arrays.hashCode(data));
        for (String child : client.getChildren().forPath(path)) {
            String childPath = (path.equals("/") ? "" : path) + "/" + child;
            if (childPath.equals("/rehearsal")) continue;
            out.putAll(tree(client, childPath));
        }
        return out;
    }

    private static int childCount(CuratorFramework client, String path) {
        try {
            return client.getChildren().forPath(path).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
