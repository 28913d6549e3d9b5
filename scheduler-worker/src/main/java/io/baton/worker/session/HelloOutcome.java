package io.baton.worker.session;

import io.baton.proto.v1.Rejected;
import io.baton.proto.v1.WorkerStatus;
import java.util.Optional;

/**
 * What {@link LeaderSession#onHello} decided about a {@code LeaderHello}.
 *
 * @param <C> the connection type
 */
public sealed interface HelloOutcome<C> {

    /**
     * The sender is now the current leader connection: answer with {@code status}, and close
     * {@code replaced}, the previous leader connection, if there was a different one.
     */
    record Welcome<C>(WorkerStatus status, Optional<C> replaced) implements HelloOutcome<C> {}

    /** The hello's epoch is stale: answer with {@code rejected}. */
    record Fenced<C>(Rejected rejected) implements HelloOutcome<C> {}
}
