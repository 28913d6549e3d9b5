package io.baton.server.policy;

import io.baton.proto.v1.ConcurrencyPolicy;

/** What a scheduled fire does while earlier runs of its job are active: a pure function of the policy. */
public enum ConcurrencyDecision {
    /** Create the run and dispatch it now. */
    START,
    /** Create the run QUEUED; it starts when the runs before it have finished. */
    QUEUE,
    /** Create no run; count the fire as skipped. */
    SKIP;

    /**
     * @param policy the job's policy (UNSPECIFIED means SKIP)
     * @param running runs of the job that are RUNNING
     * @param queued runs of the job that are QUEUED
     * @param maxQueued how many may wait under QUEUE (resolved, >= 1)
     */
    public static ConcurrencyDecision decide(ConcurrencyPolicy policy, int running, int queued, int maxQueued) {
        return switch (policy) {
            case CONCURRENCY_POLICY_ALLOW -> START;
            case CONCURRENCY_POLICY_QUEUE -> running + queued == 0 ? START : queued < maxQueued ? QUEUE : SKIP;
            default -> running + queued == 0 ? START : SKIP;
        };
    }
}
