package io.baton.server.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.server.placement.ShardPlacer.Placement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardPlacerTest {
    private final ShardPlacer placer = new ShardPlacer();

    private static WorkerSlot slot(String id, int capacity, int running, String... handlers) {
        return new WorkerSlot(id, capacity, running, Set.of(handlers));
    }

    private static List<Integer> shards(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<String> workersOf(List<Placement> placements) {
        return placements.stream().map(Placement::workerId).toList();
    }

    @Test
    void placesOnTheWorkerRunningFewestShardsFirst() {
        List<WorkerSlot> workers = List.of(slot("w1", 8, 3, "h"), slot("w2", 8, 0, "h"), slot("w3", 8, 1, "h"));
        List<Placement> out = placer.place("h", shards(3), workers);
        // w2 (0 running) first; then w2 and w3 tie at 1 and w3, never picked, goes first; then w2 (1 < 2)
        assertThat(workersOf(out)).containsExactly("w2", "w3", "w2");
    }

    @Test
    void fillsUntilLoadsAreEqualThenSpreadsEvenly() {
        List<WorkerSlot> workers = List.of(slot("a", 10, 4, "h"), slot("b", 10, 0, "h"));
        List<Placement> out = placer.place("h", shards(6), workers);
        assertThat(workersOf(out).subList(0, 4)).containsOnly("b");
        assertThat(workersOf(out).subList(4, 6)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void keepsTheShardOrderGiven() {
        List<Placement> out = placer.place("h", List.of(7, 3, 5), List.of(slot("w1", 4, 0, "h")));
        assertThat(out).extracting(Placement::shardIndex).containsExactly(7, 3, 5);
    }

    @Test
    void breaksTiesRoundRobinAcrossCalls() {
        List<WorkerSlot> equal = List.of(slot("w1", 4, 1, "h"), slot("w2", 4, 1, "h"), slot("w3", 4, 1, "h"));
        StringBuilder picks = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            // the caller's view does not change between calls: only the round-robin cursor decides
            picks.append(placer.place("h", List.of(i), equal).get(0).workerId()).append(' ');
        }
        assertThat(picks.toString().trim()).isEqualTo("w1 w2 w3 w1 w2 w3");
    }

    @Test
    void tieBreakDoesNotDependOnTheOrderWorkersAreListed() {
        placer.place("h", List.of(0), List.of(slot("w1", 4, 0, "h"), slot("w2", 4, 0, "h")));
        List<Placement> next = placer.place("h", List.of(1), List.of(slot("w2", 4, 0, "h"), slot("w1", 4, 0, "h")));
        assertThat(workersOf(next)).containsExactly("w2");
    }

    @Test
    void neverExceedsAWorkersFreeSlots() {
        List<WorkerSlot> workers = List.of(slot("w1", 2, 1, "h"), slot("w2", 3, 0, "h"), slot("w3", 1, 1, "h"));
        List<Placement> out = placer.place("h", shards(10), workers);
        assertThat(out).hasSize(4);
        assertThat(workersOf(out)).containsOnly("w1", "w2");
        assertThat(workersOf(out).stream().filter("w1"::equals).count()).isEqualTo(1);
        assertThat(workersOf(out).stream().filter("w2"::equals).count()).isEqualTo(3);
    }

    @Test
    void neverExceedsCapacityForRandomLoads() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<WorkerSlot> workers = IntStream.range(0, 1 + random.nextInt(6))
                    .mapToObj(i -> {
                        int cap = random.nextInt(5);
                        return slot("w" + i, cap, random.nextInt(cap + 2), random.nextBoolean() ? "h" : "other");
                    }).toList();
            int requested = random.nextInt(20);
            List<Placement> out = placer.place("h", shards(requested), workers);

            Map<String, Integer> placed = new HashMap<>();
            out.forEach(p -> placed.merge(p.workerId(), 1, Integer::sum));
            int free = 0;
            for (WorkerSlot w : workers) {
                int n = placed.getOrDefault(w.workerId(), 0);
                assertThat(w.running() + n <= w.capacity() || n == 0).as("round %d worker %s", round, w).isTrue();
                if (!w.supports("h")) assertThat(n).isZero();
                else free += w.free();
            }
            assertThat(out).hasSize(Math.min(requested, free));
        }
    }

    @Test
    void neverChoosesWorkersWithoutTheHandler() {
        List<WorkerSlot> workers = List.of(slot("idle", 10, 0, "other"), slot("busy", 10, 9, "h", "other"));
        List<Placement> out = placer.place("h", shards(3), workers);
        assertThat(workersOf(out)).containsExactly("busy");
    }

    @Test
    void leavesOutShardsThatFitNowhere() {
        List<Placement> none = placer.place("h", shards(3), List.of(slot("w1", 2, 2, "h"), slot("w2", 5, 0, "x")));
        assertThat(none).isEmpty();
        List<Placement> some = placer.place("h", List.of(4, 5, 6), List.of(slot("w1", 2, 1, "h")));
        assertThat(some).containsExactly(new Placement(4, "w1"));
        assertThat(placer.place("h", shards(2), List.of())).isEmpty();
    }

    @Test
    void forgottenWorkerStartsOverInTheRoundRobin() {
        List<WorkerSlot> equal = List.of(slot("w1", 4, 0, "h"), slot("w2", 4, 0, "h"));
        assertThat(workersOf(placer.place("h", List.of(0), equal))).containsExactly("w1");
        assertThat(workersOf(placer.place("h", List.of(0), equal))).containsExactly("w2");
        placer.forget("w2");
        // w2 is new again (never picked), so it goes before w1, which was picked before
        assertThat(workersOf(placer.place("h", List.of(0), equal))).containsExactly("w2");
    }

    @Test
    void slotOfAnOverloadedWorkerHasNoFreeRoom() {
        WorkerSlot w = slot("w", 2, 5, "h");
        assertThat(w.free()).isZero();
        assertThat(placer.place("h", shards(1), List.of(w))).isEmpty();
    }
}
