package io.baton.bench.micro;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.Schedule;
import io.baton.server.schedule.CronCache;
import io.baton.server.schedule.FireCalculator;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Next-fire computation as the leader does it for every cron job ({@link FireCalculator} with the leader's
 * {@link CronCache} of parsed Quartz expressions) over {@link #JOBS} jobs whose schedules mix
 * {@link #EXPRESSIONS} expressions and {@link #ZONES} time zones. Score: next-fire computations per second.
 * The cache remembers each schedule's last answer, which serves every job asking after the same fire.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NextFireBenchmark {
    static final int JOBS = 100_000;
    static final String[] EXPRESSIONS = {
            "0 0 2 * * ?", "0 */5 * * * ?", "*/10 * * * * ?", "0 15 10 ? * MON-FRI", "0 0 12 1 * ?",
            "0 0/30 8-18 * * ?", "0 0 0 L * ?", "0 30 3 ? * SUN", "15 */2 * * * ?", "0 0 6,18 * * ?",
            "* * * * * ?", "0 0 9 ? * 2#1", "0 45 23 * * ?", "0 0 */4 * * ?", "30 0 1 1,15 * ?",
            "0 10,40 * * * ?", "0 0 7 ? * MON,WED,FRI", "0 5 0 ? JAN,JUL *", "0 0 22 ? * 6L", "0 0/15 * * * ?"};
    static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"};

    private Schedule[] schedules;
    private CronCache crons;
    private Instant after;

    @Setup
    public void setUp() {
        schedules = new Schedule[JOBS];
        for (int i = 0; i < JOBS; i++) {
            schedules[i] = Schedule.newBuilder().setCron(CronSchedule.newBuilder()
                    .setExpression(EXPRESSIONS[i % EXPRESSIONS.length]).setTimeZone(ZONES[(i / EXPRESSIONS.length) % ZONES.length])).build();
        }
        crons = new CronCache(EXPRESSIONS.length * ZONES.length * 2);
        after = Instant.parse("2026-11-28T23:59:58.500Z");
    }

    /**
     * Peer: Quartz's own {@code CronExpression.getNextValidTimeAfter} on the same jobs, expressions parsed
     * once per expression and zone beforehand: the library floor under Baton's computation.
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public long quartzDirect() {
        java.util.Date at = java.util.Date.from(after);
        long sum = 0;
        for (Schedule s : schedules) {
            java.util.Date next = crons.parse(s.getCron().getExpression(), s.getCron().getTimeZone()).getNextValidTimeAfter(at);
            sum += next == null ? 0 : next.getTime();
        }
        return sum;
    }

    /**
     * The next fire of every job after an instant of its own (spread over 100 s): jobs that do not fire
     * together, so the cache's remembered answers help only within the gaps between fires.
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public long nextFireSpread() {
        long sum = 0;
        long base = after.toEpochMilli();
        for (int i = 0; i < schedules.length; i++) {
            Instant own = Instant.ofEpochMilli(base + (i * 7_919L) % 100_000);
            sum += FireCalculator.nextFireAfter(schedules[i], 0L, own, crons).map(Instant::toEpochMilli).orElse(0L);
        }
        return sum;
    }

    /**
     * The next fire of every job after one instant, as at a leader where the jobs sharing a schedule have
     * just fired together; the score counts each job's computation.
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public long nextFireOfEveryJob() {
        long sum = 0;
        for (Schedule s : schedules) sum += FireCalculator.nextFireAfter(s, 0L, after, crons).map(Instant::toEpochMilli).orElse(0L);
        return sum;
    }
}
