package io.baton.server.run;

import io.baton.proto.v1.ShardState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shard state machine as a table, so it can be documented, tested exhaustively and never bypassed.
 *
 * <pre>
 * PENDING  --DISPATCHED--> ASSIGNED --STARTED--> RUNNING
 * ASSIGNED/RUNNING --SUCCEEDED--> SUCCEEDED (final)
 * ASSIGNED/RUNNING --FAILED-->    FAILED    (final: the attempt failed or timed out, none is left)
 * ASSIGNED/RUNNING --RETRY-->     PENDING   (the attempt failed or timed out; retry after a backoff)
 * ASSIGNED/RUNNING --ATTEMPT_LOST--> PENDING (a new attempt will be dispatched; costs no retry)
 * PENDING/ASSIGNED/RUNNING --CANCELLED--> CANCELLED (final: the run was cancelled)
 * </pre>
 * A success may arrive without a STARTED before it (reports can overtake each other's loss).
 */
public final class ShardTransitions {
    private static final Map<ShardState, Map<ShardEvent, ShardState>> TABLE = build();

    private ShardTransitions() {}

    private static Map<ShardState, Map<ShardEvent, ShardState>> build() {
        Map<ShardState, Map<ShardEvent, ShardState>> t = new EnumMap<>(ShardState.class);
        t.put(ShardState.SHARD_STATE_PENDING, Map.of(
                ShardEvent.DISPATCHED, ShardState.SHARD_STATE_ASSIGNED,
                ShardEvent.CANCELLED, ShardState.SHARD_STATE_CANCELLED));
        Map<ShardEvent, ShardState> active = Map.of(
                ShardEvent.SUCCEEDED, ShardState.SHARD_STATE_SUCCEEDED,
                ShardEvent.FAILED, ShardState.SHARD_STATE_FAILED,
                ShardEvent.RETRY, ShardState.SHARD_STATE_PENDING,
                ShardEvent.ATTEMPT_LOST, ShardState.SHARD_STATE_PENDING,
                ShardEvent.CANCELLED, ShardState.SHARD_STATE_CANCELLED);
        Map<ShardEvent, ShardState> assigned = new EnumMap<>(active);
        assigned.put(ShardEvent.STARTED, ShardState.SHARD_STATE_RUNNING);
        t.put(ShardState.SHARD_STATE_ASSIGNED, Collections.unmodifiableMap(assigned));
        t.put(ShardState.SHARD_STATE_RUNNING, active);
        return Collections.unmodifiableMap(t);
    }

    /** The next state, or empty when the event is not legal in {@code from}. */
    public static Optional<ShardState> next(ShardState from, ShardEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }

    /** Like {@link #next} but throws on an illegal move: a bug, never user input. */
    public static ShardState apply(ShardState from, ShardEvent event) {
        return next(from, event).orElseThrow(() ->
                new IllegalStateException("illegal shard transition " + from + " --" + event + "-->"));
    }

    public static boolean isTerminal(ShardState state) {
        return state == ShardState.SHARD_STATE_SUCCEEDED || state == ShardState.SHARD_STATE_FAILED
                || state == ShardState.SHARD_STATE_CANCELLED;
    }

    public static boolean isActive(ShardState state) {
        return state == ShardState.SHARD_STATE_ASSIGNED || state == ShardState.SHARD_STATE_RUNNING;
    }

    /** Every declared (from, event) pair; tests use it to prove each transition is exercised. */
    public static Map<ShardState, Set<ShardEvent>> declared() {
        Map<ShardState, Set<ShardEvent>> out = new EnumMap<>(ShardState.class);
        TABLE.forEach((s, m) -> out.put(s, m.keySet()));
        return out;
    }
}
