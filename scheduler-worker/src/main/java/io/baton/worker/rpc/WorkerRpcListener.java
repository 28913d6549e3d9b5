package io.baton.worker.rpc;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.Envelope;
import io.baton.worker.execution.Arrival;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's RPC server listener: turns each message from a leader into an event for the
 * {@link SessionLoop} and returns at once, so the Netty event loop never waits on worker state.
 */
public final class WorkerRpcListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(WorkerRpcListener.class);

    private final SessionLoop loop;
    private final Clock clock;

    public WorkerRpcListener(SessionLoop loop) {
        this(loop, Clock.systemUTC());
    }

    /** {@code clock}: the worker's wall clock, read when an assignment arrives (see {@link Arrival}). */
    public WorkerRpcListener(SessionLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    @Override
    public void onConnected(RpcConnection connection) {
        log.debug("connection from {}", connection.remoteAddress());
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        switch (envelope.getBodyCase()) {
            case LEADER_HELLO -> loop.hello(connection, envelope);
            case ASSIGN_SHARD -> loop.assign(connection, envelope, Arrival.now(clock));
            case CANCEL_SHARD -> loop.cancel(connection, envelope);
            case REPORT_ACK -> loop.ack(connection, envelope);
            default -> log.debug("ignoring unexpected {} from {}", envelope.getBodyCase(), connection.remoteAddress());
        }
    }

    @Override
    public void onDisconnected(RpcConnection connection, String reason) {
        log.debug("connection from {} closed: {}", connection.remoteAddress(), reason);
        loop.disconnected(connection);
    }
}
