package io.baton.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.ShardState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shard state machine table: every legal move lands where the specification below says, every other
 * move throws, and (as Temporal's SDK does for its state machines) the last test fails when a transition
 * declared in {@link ShardTransitions#declared()} was never exercised by the tests of this class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardTransitionsTest {
    private static final ShardState PENDING = ShardState.SHARD_STATE_PENDING;
    private static final ShardState ASSIGNED = ShardState.SHARD_STATE_ASSIGNED;
    private static final ShardState RUNNING = ShardState.SHARD_STATE_RUNNING;
    private static final ShardState SUCCEEDED = ShardState.SHARD_STATE_SUCCEEDED;
    private static final ShardState FAILED = ShardState.SHARD_STATE_FAILED;
    private static final ShardState CANCELLED = ShardState.SHARD_STATE_CANCELLED;

    /** Transitions the tests of this class made through {@link ShardTransitions#apply}. */
    private static final Set<String> EXERCISED = new java.util.HashSet<>();

    /** The specification: (from, event, to) for every legal move. */
    static Stream<Arguments> legalTransitions() {
        return Stream.of(
                Arguments.of(PENDING, ShardEvent.DISPATCHED, ASSIGNED),
                Arguments.of(PENDING, ShardEvent.CANCELLED, CANCELLED),
                Arguments.of(ASSIGNED, ShardEvent.RETRY, PENDING),
                Arguments.of(ASSIGNED, ShardEvent.CANCELLED, CANCELLED),
                Arguments.of(RUNNING, ShardEvent.RETRY, PENDING),
                Arguments.of(RUNNING, ShardEvent.CANCELLED, CANCELLED),
                Arguments.of(ASSIGNED, ShardEvent.STARTED, RUNNING),
                Arguments.of(ASSIGNED, ShardEvent.SUCCEEDED, SUCCEEDED),
                Arguments.of(ASSIGNED, ShardEvent.FAILED, FAILED),
                Arguments.of(ASSIGNED, ShardEvent.ATTEMPT_LOST, PENDING),
                Arguments.of(RUNNING, ShardEvent.SUCCEEDED, SUCCEEDED),
                Arguments.of(RUNNING, ShardEvent.FAILED, FAILED),
                Arguments.of(RUNNING, ShardEvent.ATTEMPT_LOST, PENDING));
    }

    private static ShardState exercise(ShardState from, ShardEvent event) {
        ShardState to = ShardTransitions.apply(from, event);
        EXERCISED.add(from + " --" + event + "-->");
        return to;
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("legalTransitions")
    @Order(1)
    void legalTransitionLandsInSpecifiedState(ShardState from, ShardEvent event, ShardState to) {
        assertThat(exercise(from, event)).isEqualTo(to);
        assertThat(ShardTransitions.next(from, event)).contains(to);
    }

    @Test
    @Order(2)
    void everyMoveOutsideTheSpecificationIsIllegalAndThrows() {
        Set<String> legal = new java.util.HashSet<>();
        legalTransitions().forEach(a -> legal.add(a.get()[0] + "/" + a.get()[1]));
        int illegal = 0;
        for (ShardState from : ShardState.values()) {
            for (ShardEvent event : ShardEvent.values()) {
                if (legal.contains(from + "/" + event)) continue;
                illegal++;
                assertThat(ShardTransitions.next(from, event)).as("%s --%s-->", from, event).isEmpty();
                assertThatThrownBy(() -> ShardTransitions.apply(from, event))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("illegal shard transition")
                        .hasMessageContaining(from.name())
                        .hasMessageContaining(event.name());
            }
        }
        assertThat(illegal).isEqualTo(ShardState.values().length * ShardEvent.values().length - (int) legalTransitions().count());
    }

    @Test
    @Order(3)
    void finalStatesAcceptNoEventAtAll() {
        for (ShardState terminal : List.of(SUCCEEDED, FAILED, CANCELLED)) {
            assertThat(ShardTransitions.isTerminal(terminal)).isTrue();
            for (ShardEvent event : ShardEvent.values()) {
                assertThat(ShardTransitions.next(terminal, event)).isEmpty();
            }
        }
    }

    @Test
    @Order(4)
    void onlyAssignedAndRunningAreActiveAndOnlySucceededFailedAndCancelledAreTerminal() {
        Set<ShardState> active = EnumSet.noneOf(ShardState.class);
        Set<ShardState> terminal = EnumSet.noneOf(ShardState.class);
        for (ShardState s : ShardState.values()) {
            if (ShardTransitions.isActive(s)) active.add(s);
            if (ShardTransitions.isTerminal(s)) terminal.add(s);
        }
        assertThat(active).containsExactlyInAnyOrder(ASSIGNED, RUNNING);
        assertThat(terminal).containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
    }

    @Test
    @Order(5)
    void aShardCanBeLostRetriedAndStillSucceedOnce() {
        ShardState s = PENDING;
        s = exercise(s, ShardEvent.DISPATCHED);
        s = exercise(s, ShardEvent.STARTED);
        s = exercise(s, ShardEvent.ATTEMPT_LOST);
        s = exercise(s, ShardEvent.DISPATCHED);
        s = exercise(s, ShardEvent.SUCCEEDED);
        assertThat(s).isEqualTo(SUCCEEDED);
    }

    @Test
    @Order(6)
    void declaredTableMatchesTheSpecification() {
        List<String> declared = declaredNames();
        List<String> specified = new ArrayList<>();
        legalTransitions().forEach(a -> specified.add(a.get()[0] + " --" + a.get()[1] + "-->"));
        assertThat(declared).containsExactlyInAnyOrderElementsOf(specified);
    }

    /**
     * Runs last: fails when the table declares a transition no test above went through. Run the whole class
     * (not this method alone) for it to be meaningful.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyDeclaredTransitionWasExercised() {
        List<String> missing = new ArrayList<>(declaredNames());
        missing.removeAll(EXERCISED);
        assertThat(missing).as("declared shard transitions never exercised by a test").isEmpty();
    }

    private static List<String> declaredNames() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<ShardState, Set<ShardEvent>> e : ShardTransitions.declared().entrySet()) {
            for (ShardEvent event : e.getValue()) out.add(e.getKey() + " --" + event + "-->");
        }
        return out;
    }
}
