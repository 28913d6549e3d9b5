package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many buckets one listing asks for: all when every name below their root fits one answer at the longest. */
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
}
