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

    /**
     * Waits {@code settleMillis} and on to the next half second, then measures a window of {@code windowMillis};
     * {@code zxid} reads the server's counter. The window starts (and, for whole seconds, ends) half a second away
     * from the second's start, where jobs that fire every second fire: their ZooKeeper writes, made a few
     * milliseconds after each fire, fall inside the window with their fires (a window edge just after a fire had
     * counted the fire but not its writes).
     */
    public static MeasuredWindow after(long settleMillis, long windowMillis, LongSupplier zxid) {
        BenchCluster.pause(settleMillis);
        long now = System.currentTimeMillis();
        BenchCluster.pause(nextHalfSecond(now) - now);
        long from = System.currentTimeMillis();
        long zxidBefore = zxid.getAsLong();
        BenchCluster.pause(windowMillis);
        long to = System.currentTimeMillis();
        return new MeasuredWindow(from, to, MacroFigures.writesBetween(zxidBefore, zxid.getAsLong()));
    }

    /** The first instant at or after {@code millis} that is half a second past a whole second. */
    static long nextHalfSecond(long millis) {
        long half = Math.floorDiv(millis, 1_000) * 1_000 + 500;
        return half >= millis ? half : half + 1_000;
    }
}
