package io.baton.server.policy;

import io.baton.proto.v1.MisfirePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What becomes of a job's fire that is due now: on time it simply fires; late (missed while there was no
 * leader, ZooKeeper had no quorum, or the job was paused) the job's misfire policy decides. Pure.
 *
 * <p>A due fire is a misfire when it is later than the threshold, or when the schedule's next fire after
 * it is due as well (at least two fires were missed). Then:
 * <ul>
 *   <li>FIRE_ONCE_NOW (default): one run, carrying the first missed fire time;</li>
 *   <li>FIRE_ALL_MISSED: a run for each missed fire, oldest first, at most {@code maxMissed}; fires beyond
 *   that are skipped;</li>
 *   <li>SKIP: no run.</li>
 * </ul>
 * In every misfire case the schedule continues with its first fire after now, and every fire up to now is
 * decided (the job's last fire becomes now), so a later leader never replays them.
 *
 * @param fires fire times to create runs for, oldest first
 * @param skipped fires decided to make no run (FIRE_ALL_MISSED counts up to the bound's edge only: 1 when
 *                more were missed than allowed; SKIP counts 1 per decision)
 * @param decidedUpTo the job's new last fire: every fire at or before it is decided
 * @param misfire whether the due fire was a misfire
 */
public record MisfireDecision(List<Long> fires, int skipped, long decidedUpTo, boolean misfire) {

    /**
     * @param policy the job's policy (UNSPECIFIED means FIRE_ONCE_NOW)
     * @param dueMillis the fire that is due (at or before now)
     * @param nextAfter the schedule: the first fire strictly after a given instant, if any
     * @param nowMillis now
     * @param thresholdMillis how late a single fire may be and still count as on time
     * @param maxMissed FIRE_ALL_MISSED bound (resolved, >= 1)
     */
    public static MisfireDecision decide(MisfirePolicy policy, long dueMillis, LongFunction<Optional<Long>> nextAfter,
                                         long nowMillis, long thresholdMillis, int maxMissed) {
        Optional<Long> following = nextAfter.apply(dueMillis);
        boolean severalDue = following.isPresent() && following.get() <= nowMillis;
        if (!severalDue && nowMillis - dueMillis <= thresholdMillis) {
            return new MisfireDecision(List.of(dueMillis), 0, dueMillis, false);
        }
        return switch (policy) {
            case MISFIRE_POLICY_SKIP -> new MisfireDecision(List.of(), 1, nowMillis, true);
            case MISFIRE_POLICY_FIRE_ALL_MISSED -> allMissed(dueMillis, nextAfter, nowMillis, maxMissed);
            default -> new MisfireDecision(List.of(dueMillis), 0, nowMillis, true);
        };
    }

    private static MisfireDecision allMissed(long dueMillis, LongFunction<Optional<Long>> nextAfter, long nowMillis,
                                             int maxMissed) {
        List<Long> fires = new ArrayList<>();
        Optional<Long> fire = Optional.of(dueMillis);
        while (fire.isPresent() && fire.get() <= nowMillis && fires.size() < maxMissed) {
            fires.add(fire.get());
            fire = nextAfter.apply(fire.get());
        }
        boolean moreMissed = fire.isPresent() && fire.get() <= nowMillis;
        return new MisfireDecision(List.copyOf(fires), moreMissed ? 1 : 0, nowMillis, true);
    }
}
