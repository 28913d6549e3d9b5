package io.baton.testing.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults a chaos run injects, in what order, and how long the cluster runs undisturbed before each:
 * every {@link FaultKind} once in a random order, then one random fault after another while the run's
 * time allows (each budgeted its typical cost: injection, healing, settling). Pure: the same seed gives
 * the same sequence.
 */
public final class FaultPlanner {
    /** Quiet time before each fault, so faults hit at random moments of the workload. */
    static final long MIN_GAP_MILLIS = 3_000;
    static final long MAX_GAP_MILLIS = 8_000;

    /** One fault to inject after {@code gapMillis} of quiet. */
    public record PlannedFault(FaultKind kind, long gapMillis) {}

    private FaultPlanner() {}

    /** Every kind once, in a random order, each after a random quiet gap. */
    public static List<PlannedFault> firstRound(Random random) {
        List<FaultKind> kinds = new ArrayList<>(Arrays.asList(FaultKind.values()));
        Collections.shuffle(kinds, random);
        List<PlannedFault> plan = new ArrayList<>();
        for (FaultKind kind : kinds) add(plan, random, kind);
        return plan;
    }

    /** One more fault of a random kind after a random quiet gap, for the rest of a long run. */
    public static PlannedFault next(Random random) {
        FaultKind[] all = FaultKind.values();
        List<PlannedFault> one = new ArrayList<>(1);
        add(one, random, all[random.nextInt(all.length)]);
        return one.get(0);
    }

    /** Whether {@code fault} is expected to end before {@code deadlineMillis} if it begins at {@code nowMillis}. */
    public static boolean fits(PlannedFault fault, long nowMillis, long deadlineMillis) {
        return nowMillis + fault.gapMillis() + typicalCostMillis(fault.kind()) <= deadlineMillis;
    }

    private static void add(List<PlannedFault> plan, Random random, FaultKind kind) {
        long gap = MIN_GAP_MILLIS + (long) (random.nextDouble() * (MAX_GAP_MILLIS - MIN_GAP_MILLIS));
        plan.add(new PlannedFault(kind, gap));
    }

    /** What a fault usually takes on this machine kind, from injection until the cluster is whole again. */
    static long typicalCostMillis(FaultKind kind) {
        return switch (kind) {
            case WORKER_KILL -> 4_000;
            case WORKER_TERM -> 3_500;
            case WORKER_STOP -> 4_500;
            case LEADER_KILL, LEADER_STOP -> 5_000;
            case ZOOKEEPER_NODE_LOSS, ZOOKEEPER_LEADERS_NODE_LOSS -> 7_000;
            case ZOOKEEPER_QUORUM_LOSS -> 10_000;
            case SCHEDULERS_RESTART -> 7_000;
        };
    }

    /** The planned time of a plan: gaps plus typical costs. */
    public static Duration expectedLength(List<PlannedFault> plan) {
        return Duration.ofMillis(plan.stream().mapToLong(p -> p.gapMillis() + typicalCostMillis(p.kind())).sum());
    }
}
