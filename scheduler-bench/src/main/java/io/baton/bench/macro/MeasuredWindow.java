package io.baton.bench.macro;

import java.util.function.LongSupplier;

/**
 * A measurement window on a running cluster: after a settling period, the wall-clock span of the window and
 * the ZooKeeper write transactions made during it (from the server's zxid before and after).
 *
 * @param fromMillis start of the window
 * @param toMillis   end of the window
 * @param zkWrites   ZooKeeper write transactions in the window
 */
public record MeasuredWindow(long fromMillis, long toMillis, long zkWrites) {

    /** Waits {@code settleMillis}, then measures a window of {@code windowMillis}; {@code zxid} reads the server's counter. */
    public static MeasuredWindow after(long settleMillis, long windowMillis, LongSupplier zxid) {
        BenchCluster.pause(settleMillis);
        long from = System.currentTimeMillis();
        long zxidBefore = zxid.getAsLong();
        BenchCluster.pause(windowMillis);
        long to = System.currentTimeMillis();
        return new MeasuredWindow(from, to, MacroFigures.writesBetween(zxidBefore, zxid.getAsLong()));
    }
}
