package io.baton.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The loop's queue batches reports that wait together and keeps every event in arrival order. */
class EventQueueTest {
    /** A loop that runs its tasks only when told to, in order. */
    private static final class ManualLoop implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        boolean closed;

        @Override
        public void execute(Runnable task) {
            if (closed) throw new RejectedExecutionException("closed");
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) tasks.poll().run();
        }
    }

    private final ManualLoop loop = new ManualLoop();
    private final EventQueue<String> queue = new EventQueue<>(loop);
    private final List<String> handled = new ArrayList<>();

    private void report(String r) {
        queue.report(r, batch -> handled.add("reports " + batch));
    }

    @Test
    void reportsWaitingTogetherAreOneBatchHandledOnce() {
        report("a");
        report("b");
        report("c");

        assertThat(loop.tasks).hasSize(1);
        loop.runAll();
        assertThat(handled).containsExactly("reports [a, b, c]");
    }

    @Test
    void anEventBetweenReportsClosesTheBatchSoArrivalOrderIsKept() {
        report("a");
        queue.event(() -> handled.add("event"));
        report("b");

        loop.runAll();

        assertThat(handled).containsExactly("reports [a]", "event", "reports [b]");
    }

    @Test
    void aReportArrivingWhileItsBatchIsHandledStartsTheNextBatch() {
        queue.report("a", batch -> {
            handled.add("reports " + batch);
            report("late");
        });

        loop.runAll();

        assertThat(handled).containsExactly("reports [a]", "reports [late]");
    }

    @Test
    void onceTheLoopIsClosedEventsAreRefusedAndReportsDropped() {
        loop.closed = true;

        assertThatThrownBy(() -> queue.event(() -> handled.add("event"))).isInstanceOf(RejectedExecutionException.class);
        report("a");
        loop.closed = false;
        report("b");
        loop.runAll();

        assertThat(handled).as("the dropped report opened no batch that later ones would join").containsExactly("reports [b]");
    }
}
