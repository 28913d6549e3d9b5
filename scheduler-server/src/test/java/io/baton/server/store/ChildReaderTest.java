package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Which buckets one listing asks for (packed by their child counts so every answer stays within a budget at the
 * longest names), and how many records one read multi asks for (as many as fit the client's packet limit at the largest).
 */
class ChildReaderTest {
    private static final int BUCKETS = 256;

    @Test
    void aSmallStoreIsListedInOneAnswer() {
        List<String> buckets = ZkPaths.buckets(ZkPaths.JOBS);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < BUCKETS; i++) counts.put(buckets.get(i), i % 3); // 255 names in all

        assertThat(ChildReader.listingGroups(buckets, counts, ChildReader.ONE_LISTING_BYTES)).containsExactly(buckets);
    }

    @Test
    void bucketsThatDoNotExistAreNotListed() {
        List<String> buckets = ZkPaths.buckets(ZkPaths.RUNS);
        Map<String, Integer> counts = Map.of(buckets.get(3), 2, buckets.get(200), 0);

        assertThat(ChildReader.listingGroups(buckets, counts, ChildReader.ONE_LISTING_BYTES))
                .containsExactly(List.of(buckets.get(3), buckets.get(200)));
        assertThat(ChildReader.listingGroups(buckets, Map.of(), ChildReader.ONE_LISTING_BYTES)).isEmpty();
    }

    @Test
    void aLargerStoreIsListedInAnswersThatStayWithinTheBudgetAtTheLongestNames() {
        List<String> buckets = ZkPaths.buckets(ZkPaths.JOBS);
        Map<String, Integer> counts = new HashMap<>();
        buckets.forEach(b -> counts.put(b, 400)); // 102,400 jobs
        long budget = ChildReader.ONE_LISTING_BYTES;

        List<List<String>> groups = ChildReader.listingGroups(buckets, counts, budget);

        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(buckets); // each once, in order
        assertThat(groups).hasSizeGreaterThan(1).hasSizeLessThan(BUCKETS / 2);
        for (List<String> group : groups) {
            assertThat(group.stream().mapToLong(b -> counts.get(b) * (long) ChildReader.MAX_CHILD_NAME_BYTES).sum()).isLessThanOrEqualTo(budget);
        }
        // the budget stays far below the client's packet limit even with every name at the longest
        assertThat(budget).isLessThanOrEqualTo(ZkClients.PACKET_LIMIT_BYTES / 64);
    }

    @Test
    void aBucketLargerThanTheBudgetIsListedAlone() {
        List<String> buckets = ZkPaths.buckets(ZkPaths.JOBS).subList(0, 3);
        int huge = ChildReader.ONE_LISTING_BYTES / ChildReader.MAX_CHILD_NAME_BYTES + 1;
        Map<String, Integer> counts = Map.of(buckets.get(0), 1, buckets.get(1), huge, buckets.get(2), 1);

        assertThat(ChildReader.listingGroups(buckets, counts, ChildReader.ONE_LISTING_BYTES))
                .containsExactly(List.of(buckets.get(0)), List.of(buckets.get(1)), List.of(buckets.get(2)));
    }

    @Test
    void aReadMultiAsksForAsManyRecordsAsFitTheAnswerEvenAtTheLargest() {
        int reads = ChildReader.readsPerMulti(ZkClients.PACKET_LIMIT_BYTES);
        assertThat(reads).isGreaterThanOrEqualTo(60);
        assertThat(reads * ChildReader.MAX_NODE_BYTES).isLessThan(ZkClients.PACKET_LIMIT_BYTES);
        assertThat((reads + 1) * (ChildReader.MAX_NODE_BYTES + 256)).isGreaterThan(ZkClients.PACKET_LIMIT_BYTES - 64 * 1024);
    }

    @Test
    void aClientWithZooKeepersDefaultLimitReadsOneRecordPerMulti() {
        assertThat(ChildReader.readsPerMulti(ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT)).isEqualTo(1);
        assertThat(ChildReader.readsPerMulti(0)).isEqualTo(1);
    }

    @Test
    void historiesAreListedAsManyPerMultiAsFitAtTheirLargest() {
        int each = HistoryDeleter.MOST_LISTED;
        int perMulti = ChildReader.listingsPerMulti(ZkClients.PACKET_LIMIT_BYTES, each);
        assertThat(perMulti).isGreaterThanOrEqualTo(100);
        assertThat((long) perMulti * each * ChildReader.MAX_CHILD_NAME_BYTES).isLessThan(ZkClients.PACKET_LIMIT_BYTES);
        assertThat(ChildReader.listingsPerMulti(ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT, each)).isEqualTo(1);
    }
}
