package io.baton.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptTimerTest {
    private final AttemptTimer timer = new AttemptTimer("w9");

    @AfterEach
    void close() {
        timer.close();
    }

    @Test
    void armedTimeoutsFireOnOneSharedTimerThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch fired = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            timer.arm(Duration.ofMillis(20 + i * 10L), () -> {
                threads.add(Thread.currentThread().getName());
                fired.countDown();
            });
        }

        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).containsOnly("baton-shard-timer-w9");
        assertThat(timer.pending()).isZero();
    }

    @Test
    void disarmedTimeoutLeavesTheQueueAndNeverFires() {
        CountDownLatch fired = new CountDownLatch(1);
        AttemptTimer.Armed armed = timer.arm(Duration.ofMillis(100), fired::countDown);
        assertThat(timer.pending()).isEqualTo(1);

        armed.disarm();

        assertThat(timer.pending()).isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> fired.getCount() == 1);
    }

    @Test
    void closeDropsPendingTimeoutsAndLaterOnesAreNeverArmed() {
        CountDownLatch fired = new CountDownLatch(1);
        timer.arm(Duration.ofMillis(50), fired::countDown);

        timer.close();
        timer.close();
        AttemptTimer.Armed late = timer.arm(Duration.ofMillis(1), fired::countDown);

        assertThat(late).isSameAs(AttemptTimer.Armed.NONE);
        assertThat(timer.pending()).isZero();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> fired.getCount() == 1);
    }
}
