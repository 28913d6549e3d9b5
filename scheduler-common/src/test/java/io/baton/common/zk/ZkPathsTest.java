package io.baton.common.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored paths never change: a bucket is the low byte of the name's CRC-32 as two hex digits. */
class ZkPathsTest {
    @Test
    void aNamesBucketIsTheLowByteOfItsCrc32InHex() {
        // CRC-32 values from an independent implementation (Python's zlib.crc32)
        assertThat(ZkPaths.bucketOf("nightly")).isEqualTo("5a");
        assertThat(ZkPaths.bucketOf("job-000001")).isEqualTo("f3");
        assertThat(ZkPaths.job("nightly")).isEqualTo("/jobs/5a/nightly");
        assertThat(ZkPaths.historyRun("nightly", "nightly@1000")).isEqualTo("/history/5a/nightly/nightly@1000");
    }

    @Test
    void everyBucketIsListedOnceInOrder() {
        List<String> buckets = ZkPaths.buckets(ZkPaths.RUNS);

        assertThat(buckets).hasSize(ZkPaths.BUCKETS).doesNotHaveDuplicates();
        assertThat(buckets.get(0)).isEqualTo("/runs/00");
        assertThat(buckets.get(10)).isEqualTo("/runs/0a");
        assertThat(buckets.get(255)).isEqualTo("/runs/ff");
        assertThat(buckets).isSorted();
    }
}
