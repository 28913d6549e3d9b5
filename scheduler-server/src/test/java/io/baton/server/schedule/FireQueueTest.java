package io.baton.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.server.schedule.FireQueue.Due;
import org.junit.jupiter.api.Test;

class FireQueueTest {
    private final FireQueue queue = new FireQueue();

    @Test
    void pollDueReturnsEveryDueFireEarliestFirstAndKeepsTheRest() {
        queue.schedule("c", 300);
        queue.schedule("a", 100);
        queue.schedule("d", 900);
        queue.schedule("b", 200);

        assertThat(queue.pollDue(300)).containsExactly(new Due("a", 100), new Due("b", 200), new Due("c", 300));
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.earliest()).contains(900L);
        assertThat(queue.pollDue(899)).isEmpty();
        assertThat(queue.pollDue(900)).containsExactly(new Due("d", 900));
        assertThat(queue.earliest()).isEmpty();
    }

    @Test
    void fireIsReturnedOnlyOnce() {
        queue.schedule("a", 100);
        assertThat(queue.pollDue(100)).hasSize(1);
        assertThat(queue.pollDue(1000)).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void fireDueAtTheSameTimeIsOrderedByJobName() {
        queue.schedule("zeta", 100);
        queue.schedule("alpha", 100);
        assertThat(queue.pollDue(100)).extracting(Due::job).containsExactly("alpha", "zeta");
    }

    @Test
    void pollDueSkipsReplacedEntries() {
        queue.schedule("a", 100);
        queue.schedule("a", 500);
        queue.schedule("b", 200);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.earliest()).contains(200L);
        assertThat(queue.pollDue(400)).containsExactly(new Due("b", 200));
        assertThat(queue.pollDue(500)).containsExactly(new Due("a", 500));
    }

    @Test
    void replacingWithAnEarlierTimeAndBackFiresOnce() {
        queue.schedule("a", 100);
        queue.schedule("a", 50);
        queue.schedule("a", 100);
        assertThat(queue.pollDue(1000)).containsExactly(new Due("a", 100));
    }

    @Test
    void removedJobNeverFires() {
        queue.schedule("a", 100);
        queue.schedule("b", 150);
        queue.remove("a");
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.earliest()).contains(150L);
        assertThat(queue.pollDue(1000)).containsExactly(new Due("b", 150));
    }

    @Test
    void removedThenRescheduledJobFiresAtItsNewTime() {
        queue.schedule("a", 100);
        queue.remove("a");
        queue.schedule("a", 300);
        assertThat(queue.pollDue(200)).isEmpty();
        assertThat(queue.pollDue(300)).containsExactly(new Due("a", 300));
    }
}
