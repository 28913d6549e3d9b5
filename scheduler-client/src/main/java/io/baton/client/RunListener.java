package io.baton.client;

import io.baton.proto.v1.RunRecord;

/** Receives the progress of a watched run ({@link BatonClient#watchRun}); called on the watch's own thread. */
public interface RunListener {
    /** The run changed (first call: its state when the watch started; {@code previous} is then null). */
    void onChange(RunRecord previous, RunRecord current);

    /** The run finished (succeeded, failed or cancelled); no more calls follow. */
    default void onFinished(RunRecord run) {}

    /** The run could not be read (e.g. the cluster is unreachable for the request timeout); the watch ends. */
    default void onError(BatonException error) {}
}
