package io.baton.worker.rpc;

import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.execution.Arrival;
import io.baton.worker.execution.ShardExecutor;
import io.baton.worker.execution.ShardListener;
import io.baton.worker.session.HelloOutcome;
import io.baton.worker.session.LeaderSession;
import io.baton.worker.session.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a worker's {@link LeaderSession}. Netty threads (through
 * {@link WorkerRpcListener}) and shard threads (as the executor's {@link ShardListener}) only enqueue here;
 * this thread asks the session for a decision and then acts on it: replies, sends reports, submits to or
 * cancels on the {@link ShardExecutor}, closes a replaced leader connection. Because hello replies and
 * reports are produced on this one thread, a report is always either in a hello reply or sent after it,
 * never lost between the two. Owned by the worker node.
 */
public final class SessionLoop implements ShardListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private enum State { LATENT, STARTED, CLOSED }

    private final LeaderSession<RpcConnection> session;
    private final ShardExecutor executor;
    private final String threadName;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private volatile java.util.concurrent.ThreadPoolExecutor thread;
    /** Reports to send once the events queued now are handled (loop thread only), and where to. */
    private final ReportBatch outgoing = new ReportBatch();
    private RpcConnection outgoingTo;
    private volatile long staleRejected;

    public SessionLoop(LeaderSession<RpcConnection> session, ShardExecutor executor, String threadName) {
        this.session = session;
        this.executor = executor;
        this.threadName = threadName;
    }

    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) throw new IllegalStateException("session loop " + state.get());
        thread = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Messages dropped for a stale epoch so far; readable from any thread. */
    public long staleRejected() {
        return staleRejected;
    }

    void hello(RpcConnection connection, Envelope request) {
        enqueue(() -> {
            flushReports();
            HelloOutcome<RpcConnection> outcome = session.onHello(connection, request.getEpoch());
            if (outcome instanceof HelloOutcome.Welcome<RpcConnection> welcome) {
                log.info("leader {} (epoch {}) connected from {}", request.getLeaderHello().getLeaderId(),
                        request.getEpoch(), connection.remoteAddress());
                connection.reply(request, Envelope.newBuilder().setWorkerStatus(welcome.status()).build());
                welcome.replaced().ifPresent(old -> old.close("replaced by a leader connection of epoch " + request.getEpoch()));
            } else if (outcome instanceof HelloOutcome.Fenced<RpcConnection> fenced) {
                connection.reply(request, Envelope.newBuilder().setRejected(fenced.rejected()).build());
            }
        });
    }

    void assign(RpcConnection connection, Envelope envelope, Arrival arrival) {
        enqueue(() -> {
            AssignShard assignment = envelope.getAssignShard();
            Verdict verdict = session.onAssign(envelope.getEpoch(), assignment.getRef());
            if (verdict == Verdict.ACCEPTED) {
                executor.submit(assignment, this, arrival);
            } else if (verdict == Verdict.STALE) {
                rejectIfRequest(connection, envelope);
            }
        });
    }

    void cancel(RpcConnection connection, Envelope envelope) {
        enqueue(() -> {
            AttemptRef ref = envelope.getCancelShard().getRef();
            Verdict verdict = session.onCancel(envelope.getEpoch(), ref);
            if (verdict == Verdict.ACCEPTED) {
                log.info("cancelling {}/{} attempt {}: {}", ref.getRunId(), ref.getShardIndex(), ref.getAttempt(),
                        envelope.getCancelShard().getReason());
                executor.cancel(ref);
            } else if (verdict == Verdict.STALE) {
                rejectIfRequest(connection, envelope);
            }
        });
    }

    void ack(RpcConnection connection, Envelope envelope) {
        enqueue(() -> {
            if (session.onAck(envelope.getEpoch(), envelope.getReportAck().getRefsList()) == Verdict.STALE) {
                rejectIfRequest(connection, envelope);
            }
        });
    }

    void disconnected(RpcConnection connection) {
        enqueue(() -> {
            flushReports();
            session.onDisconnected(connection);
        });
    }

    @Override
    public void onStarted(ShardReport report) {
        enqueue(() -> send(report));
    }

    @Override
    public void onFinished(ShardReport report) {
        enqueue(() -> send(report));
    }

    /**
     * Tells the connected leader (and every later one) that this worker takes no new assignments. Queued
     * before the reports of shards cancelled on the way down, so the leader reads it first.
     */
    public void draining(String reason) {
        enqueue(() -> flushReports());
        enqueue(() -> session.onDraining().ifPresent(leader -> leader.send(Envelope.newBuilder()
                .setWorkerDraining(io.baton.proto.v1.WorkerDraining.newBuilder().setReason(reason)).build())));
    }

    /** Runs what is already queued (reports of cancelled shards, typically), then stops. Idempotent. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.STARTED) return;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    /**
     * Reports leave in batches: one write and flush for all the reports produced while this thread was busy
     * (sent when its queue runs empty, or before anything else is sent), and a STARTED report of an attempt
     * whose final report is in the same batch is left out (see {@link ReportBatch}).
     */
    private void send(ShardReport report) {
        session.onReport(report).ifPresent(leader -> {
            if (outgoingTo != null && !outgoingTo.equals(leader)) flushReports();
            outgoingTo = leader;
            outgoing.add(report);
        });
    }

    private void flushReports() {
        if (outgoing.isEmpty()) return;
        List<Envelope> batch = new ArrayList<>();
        for (ShardReport r : outgoing.drain()) batch.add(Envelope.newBuilder().setShardReport(r).build());
        RpcConnection to = outgoingTo;
        outgoingTo = null;
        to.sendAll(batch);
    }

    private void rejectIfRequest(RpcConnection connection, Envelope envelope) {
        if (envelope.getCorrelationId() != 0) {
            connection.reply(envelope, Envelope.newBuilder().setRejected(session.rejection(envelope.getEpoch())).build());
        }
    }

    private void enqueue(Runnable event) {
        java.util.concurrent.ThreadPoolExecutor t = thread;
        if (t == null) {
            log.debug("session loop not started; dropping an event");
            return;
        }
        try {
            t.execute(() -> {
                try {
                    event.run();
                    if (t.getQueue().isEmpty()) flushReports();
                } catch (RuntimeException e) {
                    log.error("session event failed", e);
                } finally {
                    staleRejected = session.staleRejected();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("session loop closed; dropping an event");
        }
    }
}
