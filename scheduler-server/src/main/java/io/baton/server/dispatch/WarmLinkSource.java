package io.baton.server.dispatch;

import io.baton.proto.v1.WorkerInfo;
import java.util.Optional;

/** Where a new term finds connections to its workers made before it began ({@link WarmWorkerLinks}). */
@FunctionalInterface
public interface WarmLinkSource {
    /** None: every term dials its workers itself. */
    WarmLinkSource NONE = worker -> Optional.empty();

    /**
     * Hands over the link kept for {@code worker} at its registered address, if there is one; the caller owns it
     * from then on (closes it). Never blocks.
     */
    Optional<WarmLink> take(WorkerInfo worker);
}
