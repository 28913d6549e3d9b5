package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkClients;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;

/**
 * How many buckets one listing asks for (all when every name below their root fits one answer at the longest),
 * and how many records one read multi asks for (as many as fit the client's packet limit at the largest).
 */
class ChildReaderTest {
    private static final int BUCKETS = 256;
    /** The most names that fit one answer at the longest name. */
    private static final int FIT = ChildReader.ONE_LISTING_BYTES / ChildReader.MAX_CHILD_NAME_BYTES;

    @Test
    void aSmallStoreIsListedInOneAnswer() {
        assertThat(ChildReader.listingChunk(BUCKETS, BUCKETS + 52)).isEqualTo(BUCKETS);
        assertThat(ChildReader.listingChunk(BUCKETS, FIT)).isEqualTo(BUCKETS);
    }

    @Test
    void aLargerOneBucketByBucketSoNoAnswerNearsTheClientsPacketLimit() {
        assertThat(ChildReader.listingChunk(BUCKETS, FIT + 1)).isEqualTo(ChildReader.LIST_CHUNK);
        assertThat(ChildReader.listingChunk(BUCKETS, 1_000_256)).isEqualTo(ChildReader.LIST_CHUNK);
        // the budget stays far below the client's 1 MiB packet limit even with every name at the longest
        assertThat((long) FIT * ChildReader.MAX_CHILD_NAME_BYTES).isLessThanOrEqualTo(1024 * 1024 / 4);
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
