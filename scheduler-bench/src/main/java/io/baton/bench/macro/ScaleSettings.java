package io.baton.bench.macro;

import java.time.Duration;

/**
 * The sizes of the scale scenario ({@link ScaleScenario}); part of {@link MacroSettings}.
 *
 * @param jobs              quiet cron jobs submitted (none fires during the run)
 * @param busyJobs          jobs firing every second besides them
 * @param distinctSchedules (expression, zone) pairs the quiet jobs share
 * @param submitThreads     threads submitting through one SDK client
 * @param cpuWindow         how long CPU is measured at rest, with and without the jobs
 * @param leaderHeap        maximum heap of the scheduler JVMs ({@code -Xmx} value): the target is 1M jobs in 1 GiB
 * @param zooKeeperHeap     maximum heap of the ZooKeeper server JVM
 */
public record ScaleSettings(int jobs, int busyJobs, int distinctSchedules, int submitThreads, Duration cpuWindow,
                            String leaderHeap, String zooKeeperHeap) {
    public ScaleSettings {
        if (jobs < 1 || busyJobs < 1 || distinctSchedules < 1 || submitThreads < 1) throw new IllegalArgumentException("sizes must be positive");
        if (!leaderHeap.matches("\\d+[mg]") || !zooKeeperHeap.matches("\\d+[mg]")) throw new IllegalArgumentException("heaps are -Xmx values such as 1g");
    }

    public static ScaleSettings quick() {
        return new ScaleSettings(20_000, 5, 5_000, 32, Duration.ofSeconds(10), "1g", "1g");
    }

    public static ScaleSettings full() {
        return new ScaleSettings(100_000, 10, 5_000, 32, Duration.ofSeconds(30), "1g", "2g");
    }

    public static ScaleSettings smoke() {
        return new ScaleSettings(400, 2, 100, 16, Duration.ofSeconds(1), "256m", "256m");
    }

    /** The same with {@code jobs} quiet jobs (e.g. a million, to check the target directly). */
    public ScaleSettings withJobs(int jobs) {
        return new ScaleSettings(jobs, busyJobs, distinctSchedules, submitThreads, cpuWindow, leaderHeap, zooKeeperHeap);
    }
}
