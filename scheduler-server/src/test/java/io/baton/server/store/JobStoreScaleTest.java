package io.baton.server.store;

import static io.baton.server.store.StoreRecords.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.JobRecord;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 stored jobs on a real ZooKeeper server: a new leader loads them all. With one flat /jobs parent
 * the getChildren answer (~1.3 MB of names) would exceed ZooKeeper's 1 MB packet limit and fail; buckets
 * keep every answer small. The load time is printed (MEASURE), not asserted.
 */
class JobStoreScaleTest {
    private static final int JOBS = 100_000;

    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    @Test
    void aLeaderLoadsOneHundredThousandJobs() throws Exception {
        CuratorFramework client = zk.newClient();
        long t0 = System.nanoTime();
        storeDirectly(client);
        long stored = System.nanoTime();

        List<JobRecord> loaded = new JobStore(client).loadAll();
        long done = System.nanoTime();

        assertThat(loaded).hasSize(JOBS);
        assertThat(loaded.get(0).getSpec().getName()).isEqualTo("job-000000");
        assertThat(loaded.get(JOBS - 1).getSpec().getName()).isEqualTo("job-099999");
        assertThat(client.getChildren().forPath(ZkPaths.JOBS)).hasSize(ZkPaths.BUCKETS);
        int largestBucket = 0;
        for (String bucket : ZkPaths.buckets(ZkPaths.JOBS)) {
            largestBucket = Math.max(largestBucket, client.getChildren().forPath(bucket).size());
        }
        assertThat(largestBucket).as("buckets spread the jobs").isLessThan(JOBS / ZkPaths.BUCKETS * 2);
        System.out.printf("MEASURE %d jobs in ZooKeeper: stored in %d ms (pipelined creates), loaded by a leader in %d ms;"
                        + " largest bucket %d children%n", JOBS, (stored - t0) / 1_000_000, (done - stored) / 1_000_000, largestBucket);
    }

    /** Writes the job nodes with pipelined background creates (the test's set-up, not the leader's path). */
    private static void storeDirectly(CuratorFramework client) throws Exception {
        for (String bucket : ZkPaths.buckets(ZkPaths.JOBS)) client.create().creatingParentsIfNeeded().forPath(bucket);
        Semaphore inFlight = new Semaphore(1_000);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < JOBS; i++) {
            JobRecord record = job(String.format("job-%06d", i), 0);
            inFlight.acquire();
            client.create().withMode(CreateMode.PERSISTENT).inBackground((c, event) -> {
                if (event.getResultCode() != 0) failures.incrementAndGet();
                inFlight.release();
            }).forPath(ZkPaths.job(record.getSpec().getName()), record.toByteArray());
        }
        assertThat(inFlight.tryAcquire(1_000, 60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures.get()).isZero();
    }
}
