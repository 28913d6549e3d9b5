package io.baton.server.dispatch;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's listener that can be handed to a new owner while the connection stays up: a follower's warm
 * link to a worker is made with one, listening to nothing, and a term that takes the link over switches it to
 * its own listener ({@link #switchTo}). The new listener hears of the connection that is open at that moment
 * exactly once: either {@code switchTo} returns it or the listener's own {@code onConnected} gets it, never both.
 * Callbacks come on the connection's event loop; {@code switchTo} may be called from any thread.
 */
public final class ListenerSwitch implements MessageListener {
    private volatile MessageListener delegate;
    /** The connection onConnected reported and onDisconnected has not closed yet (guarded by this). */
    private RpcConnection open;

    public ListenerSwitch(MessageListener initial) {
        this.delegate = Objects.requireNonNull(initial, "initial");
    }

    /** A listener that ignores every message: a connection kept for later, not used yet. */
    public static MessageListener idle() {
        return (connection, envelope) -> { };
    }

    /**
     * From now on every callback goes to {@code next}. Returns the connection that is open now, which {@code next}
     * will not hear an {@code onConnected} for; empty when none is (it hears of the next one as usual).
     */
    public Optional<RpcConnection> switchTo(MessageListener next) {
        Objects.requireNonNull(next, "next");
        synchronized (this) {
            delegate = next;
            return Optional.ofNullable(open).filter(RpcConnection::isActive);
        }
    }

    @Override
    public void onConnected(RpcConnection connection) {
        MessageListener to;
        synchronized (this) {
            open = connection;
            to = delegate;
        }
        to.onConnected(connection);
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        delegate.onMessage(connection, envelope);
    }

    @Override
    public void onDisconnected(RpcConnection connection, String reason) {
        MessageListener to;
        synchronized (this) {
            if (open == connection) open = null;
            to = delegate;
        }
        to.onDisconnected(connection, reason);
    }
}
