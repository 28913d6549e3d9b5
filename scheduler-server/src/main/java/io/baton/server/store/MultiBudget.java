package io.baton.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Keeps ZooKeeper multi requests under the server's request limit. ZooKeeper refuses a request larger than
 * {@code jute.maxbuffer} (1 MiB by default) for the whole multi, and does so by dropping the connection,
 * which would suspend this leader's session. Sizes here are estimates that err on the large side. Pure.
 */
final class MultiBudget {
    /** The most one multi may carry: 1 MiB less room for the request header and our estimate's error. */
    static final long HARD_LIMIT = 960L * 1024;
    /**
     * What group commits and creation batches aim for per multi. Small enough that ZooKeeper's memory stays
     * small: every server keeps its last 500 committed transactions in memory (about three copies of each; at
     * least 500, {@code zookeeper.commitLogCount}), so its heap grows with the size of the multis, not their
     * number; at 512 KiB a leader firing 10,000 runs a second made its server hold ~600 MB of them and collect
     * back to back. Large enough that the transactions stay few (each costs the server a log append and a
     * sync): 64 KiB cost the cluster too much CPU at that rate (BENCHMARKS, ninth round). Larger writes go as
     * several multis, pipelined.
     */
    static final long CHUNK_TARGET = 128L * 1024;
    /** Op header, length prefixes, version, flags and the open ACL of a create; rounded up. */
    private static final int OP_OVERHEAD = 64;

    private MultiBudget() {}

    /** Estimated wire size of one create/setData/check op on {@code path} (namespace included). */
    static long opSize(String path, int dataLength) {
        return opSizeOfPathBytes(path.getBytes(StandardCharsets.UTF_8).length, dataLength);
    }

    /** As {@link #opSize(String, int)} for a path of {@code pathBytes} bytes in UTF-8. */
    static long opSizeOfPathBytes(int pathBytes, int dataLength) {
        return OP_OVERHEAD + (long) pathBytes + dataLength;
    }

    /** The length of {@code s} in UTF-8, without encoding it. */
    static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /**
     * Splits {@code items}, in order, into consecutive chunks whose sizes sum to at most {@code budget}.
     * An item larger than the budget gets a chunk of its own (callers reject items above {@link #HARD_LIMIT}).
     */
    static <T> List<List<T>> chunk(List<T> items, ToLongFunction<T> size, long budget) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long used = 0;
        for (T item : items) {
            long s = size.applyAsLong(item);
            if (!current.isEmpty() && used + s > budget) {
                chunks.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(item);
            used += s;
        }
        if (!current.isEmpty()) chunks.add(current);
        return chunks;
    }
}
