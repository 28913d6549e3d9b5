package io.baton.cli;

import io.baton.cli.render.ProgressPrinter;
import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.client.RunListener;
import io.baton.client.RunWatch;
import io.baton.proto.v1.RunRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for a run to end through {@link BatonClient#watchRun}, feeding every change to a {@link ProgressPrinter}. */
final class RunWaiter {
    static final Duration POLL = Duration.ofMillis(200);

    private RunWaiter() {}

    /** The finished run, or empty when {@code timeout} passed first. A read error ends the wait with that error. */
    record Outcome(Optional<RunRecord> finished) {}

    static Outcome await(BatonClient client, String runId, Duration timeout, ProgressPrinter progress) throws InterruptedException {
        AtomicReference<RunRecord> finished = new AtomicReference<>();
        AtomicReference<BatonException> error = new AtomicReference<>();
        try (RunWatch watch = client.watchRun(runId, POLL, new RunListener() {
            @Override
            public void onChange(RunRecord previous, RunRecord current) {
                progress.update(current);
            }

            @Override
            public void onFinished(RunRecord run) {
                finished.set(run);
            }

            @Override
            public void onError(BatonException e) {
                error.set(e);
            }
        })) {
            watch.await(timeout);
        } finally {
            progress.finish();
        }
        if (finished.get() == null && error.get() != null) throw error.get();
        return new Outcome(Optional.ofNullable(finished.get()));
    }
}
