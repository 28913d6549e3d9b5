package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assignSends;
import static io.baton.server.coordinator.TestRecords.runNowJob;
import static io.baton.server.coordinator.TestRecords.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.WorkerState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Idempotent triggers, cordons, worker states and job listing in the leader's pure state. */
class CoordinatorOperatorTest {
    private static CoordinatorState live(String... workers) {
        CoordinatorState s = new CoordinatorState(1, List.of(runNowJob("export", "h", 2), runNowJob("exp-2", "h", 1),
                runNowJob("other", "h", 1)), List.of(), List.of(workers), T0, T0 + 1500);
        for (String w : workers) s.workerReady(status(w, 4, "h").build(), T0);
        return s;
    }

    @Test
    void aTriggerRepeatedWithTheSameKeyReturnsTheFirstRunAndCreatesNothing() {
        CoordinatorState s = live("w1");
        Effects first = new Effects();
        CoordinatorState.KeyedTrigger a = s.trigger("export", Optional.empty(), "order-42", T0 + 1, first).orElseThrow();
        assertThat(a.created()).isTrue();
        assertThat(first.runsToCreate()).hasSize(1);
        assertThat(first.jobsToUpdate()).as("the key is written with the run").singleElement()
                .satisfies(j -> assertThat(j.getRecentTriggersList()).singleElement()
                        .satisfies(k -> assertThat(k.getRunId()).isEqualTo(a.runId())));

        Effects again = new Effects();
        CoordinatorState.KeyedTrigger b = s.trigger("export", Optional.of("other param"), "order-42", T0 + 2, again).orElseThrow();

        assertThat(b.created()).isFalse();
        assertThat(b.runId()).isEqualTo(a.runId());
        assertThat(again.isEmpty()).isTrue();
        CoordinatorState.KeyedTrigger c = s.trigger("export", Optional.empty(), "order-43", T0 + 3, new Effects()).orElseThrow();
        assertThat(c.runId()).isNotEqualTo(a.runId());
        assertThat(s.trigger("missing", Optional.empty(), "k", T0, new Effects())).isEmpty();
    }

    @Test
    void keysExpireAfterADayAndAJobRemembersAtMostTheNewestHundred() {
        CoordinatorState s = live("w1");
        String first = s.trigger("export", Optional.empty(), "k0", T0, new Effects()).orElseThrow().runId();
        for (int i = 1; i <= CoordinatorState.MAX_TRIGGER_KEYS; i++) {
            s.trigger("export", Optional.empty(), "k" + i, T0 + i, new Effects());
        }
        assertThat(s.job("export").orElseThrow().getRecentTriggersCount()).isEqualTo(CoordinatorState.MAX_TRIGGER_KEYS);
        assertThat(s.trigger("export", Optional.empty(), "k0", T0 + 200, new Effects()).orElseThrow().runId())
                .as("k0 was pushed out by newer keys").isNotEqualTo(first);

        long later = T0 + 200 + CoordinatorState.TRIGGER_KEY_LIFETIME_MILLIS;
        assertThat(s.trigger("export", Optional.empty(), "k50", later, new Effects()).orElseThrow().created())
                .as("a day later the key is new again").isTrue();
        assertThat(s.job("export").orElseThrow().getRecentTriggersList()).extracting(k -> k.getKey()).containsExactly("k50");
    }

    @Test
    void aCordonedWorkerGetsNoShardsUntilUncordoned() {
        CoordinatorState s = live("w1");
        s.cordon("w1", true);
        Effects fx = new Effects();
        String runId = s.trigger("other", io.baton.proto.v1.TriggerKind.TRIGGER_KIND_API, T0 + 5, fx).orElseThrow();
        assertThat(assignSends(s.runsCreated(List.of(runId)))).isEmpty();
        assertThat(s.workerReady(status("w1", 4, "h").build(), T0 + 6).sends()).as("a reconnect keeps the cordon").isEmpty();

        assertThat(assignSends(s.cordon("w1", false))).singleElement().satisfies(a -> assertThat(a.workerId()).isEqualTo("w1"));
    }

    @Test
    void workerStatesShowLoadConnectionCordonAndDraining() {
        CoordinatorState s = live("w1", "w2");
        Effects fx = new Effects();
        String runId = s.trigger("export", io.baton.proto.v1.TriggerKind.TRIGGER_KIND_API, T0 + 5, fx).orElseThrow();
        s.runsCreated(List.of(runId));
        s.cordon("w2", true);
        s.workerDraining("w1");
        Map<String, Integer> registered = new LinkedHashMap<>();
        registered.put("w1", 4);
        registered.put("w2", 4);
        registered.put("w3", 8);

        List<WorkerState> states = s.workerStates(registered);

        assertThat(states).extracting(WorkerState::getWorkerId).containsExactly("w1", "w2", "w3");
        assertThat(states.get(0).getRunning() + states.get(1).getRunning()).isEqualTo(2);
        assertThat(states.get(0).getDraining()).isTrue();
        assertThat(states.get(1).getCordoned()).isTrue();
        assertThat(states.get(2)).satisfies(w -> {
            assertThat(w.getConnected()).isFalse();
            assertThat(w.getCapacity()).isEqualTo(8);
            assertThat(w.getRunning()).isZero();
        });
    }

    @Test
    void jobsAreListedByPrefixInNameOrder() {
        CoordinatorState s = live();
        assertThat(s.jobs("exp")).extracting(j -> j.getSpec().getName()).containsExactly("exp-2", "export");
        assertThat(s.jobs("")).extracting(j -> j.getSpec().getName()).containsExactly("exp-2", "export", "other");
        assertThat(s.jobs("zzz")).isEmpty();
    }
}
