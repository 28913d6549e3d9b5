package io.baton.testing.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults a chaos run injects, in what order, and how long the cluster runs undisturbed before each:
 * every {@link FaultKind} once in a random order, then more random faults while the planned time allows.
 * Each fault is budgeted its typical cost (injection, healing, settling), so a plan fits the run's length.
 * Pure: the same seed and length give the same plan.
 */
public final class FaultPlanner {
    /** Quiet time before each fault, so faults hit at random moments of the workload. */
    static final long MIN_GAP_MILLIS = 3_000;
    static final long MAX_GAP_MILLIS = 8_000;

    /** One fault to inject after {@code gapMillis} of quiet. */
    public record PlannedFault(FaultKind kind, long gapMillis) {}

    private FaultPlanner() {}

    /**
     * @param length the time the fault phase may take; at least every kind is planned even when it is short
     */
    public static List<PlannedFault> plan(Random random, Duration length) {
        List<FaultKind> kinds = new ArrayList<>(Arrays.asList(FaultKind.values()));
        Collections.shuffle(kinds, random);
        List<PlannedFault> plan = new ArrayList<>();
        long budget = length.toMillis();
        for (FaultKind kind : kinds) budget -= add(plan, random, kind);
        FaultKind[] all = FaultKind.values();
        while (true) {
            FaultKind kind = all[random.nextInt(all.length)];
            if (budget < typicalCostMillis(kind) + MAX_GAP_MILLIS) break;
            budget -= add(plan, random, kind);
        }
        return plan;
    }

    private static long add(List<PlannedFault> plan, Random random, FaultKind kind) {
        long gap = MIN_GAP_MILLIS + (long) (random.nextDouble() * (MAX_GAP_MILLIS - MIN_GAP_MILLIS));
        plan.add(new PlannedFault(kind, gap));
        return gap + typicalCostMillis(kind);
    }

    /** What a fault usually takes on this machine kind, from injection until the cluster is whole again. */
    static long typicalCostMillis(FaultKind kind) {
        return switch (kind) {
            case WORKER_KILL, WORKER_TERM -> 6_000;
            case WORKER_STOP -> 5_000;
            case LEADER_KILL, LEADER_STOP -> 9_000;
            case ZOOKEEPER_NODE_LOSS, ZOOKEEPER_LEADERS_NODE_LOSS -> 10_000;
            case ZOOKEEPER_QUORUM_LOSS -> 15_000;
            case SCHEDULERS_RESTART -> 12_000;
        };
    }

    /** The planned time of a plan: gaps plus typical costs. */
    public static Duration expectedLength(List<PlannedFault> plan) {
        return Duration.ofMillis(plan.stream().mapToLong(p -> p.gapMillis() + typicalCostMillis(p.kind())).sum());
    }
}
