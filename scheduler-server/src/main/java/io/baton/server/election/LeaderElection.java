package io.baton.server.election;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.LeaderInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This scheduler node's part in the leader election, owned by {@code SchedulerNode}. A Curator
 * {@link LeaderLatch} on {@link ZkPaths#ELECTION} picks the leader; on winning, this class bumps the epoch
 * (guarded by our latch node, so a node that already lost its place cannot bump), publishes
 * {@link LeaderInfo} in the ephemeral {@link ZkPaths#LEADER} node, and only then tells the listener.
 *
 * <p>With the client's session-only error policy ({@code ZkClients}), the latch keeps leadership while the
 * connection is SUSPENDED and drops it on LOST. A suspended term is paused, not ended: the listener hears
 * {@code onLeadershipSuspended} and dispatches nothing; RECONNECTED with the same session (our latch node
 * still there, so no one else can have won) resumes it with the same epoch, as when the ZooKeeper server we
 * talked to dies and the session moves to another; LOST (the session expired, or Curator gave up after the
 * session timeout) ends it, and the latch contends again for a new term with a higher epoch. All latch
 * events, connection events and listener callbacks run on one event thread owned here, so callbacks are
 * ordered and a term's end is delivered exactly once, before any later term begins.
 */
public final class LeaderElection implements AutoCloseable {
    /** Where this election logs: the class's logger, or none for a rehearsal's (see {@code SandboxTerm}). */
    private final Logger log;
    private static final long CLOSE_WAIT_SECONDS = 10;
    /** Pause before contending again after a win we could not turn into a term, so a broken /epoch cannot spin. */
    private static final long RETRY_AFTER_FAILED_WIN_MILLIS = 1_000;
    /** The version of the /leader node a winner creates: nothing ever rewrites it. */
    private static final int ANNOUNCED_VERSION = 0;

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    /**
     * The term this node holds, the latch instance that won it and that latch's node when it won (the bump's
     * guard); {@code byNotice}: taken when the stepping-down leader said so, before our latch did.
     */
    private record Held(LeaderLatch latch, LeaderTerm term, String latchNode, boolean byNotice) {}

    private final CuratorFramework client;
    private final String nodeId;
    private final String clientAddress;
    private final LeadershipListener listener;
    private final EpochStore epochs;
    private final ScheduledThreadPoolExecutor events;
    /** What Curator gets: drops events once we are closed instead of throwing into Curator's threads. */
    private final Executor eventSink;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
    private final ConnectionStateListener connectionWatcher = this::connectionChanged;
    private volatile ConnectionState lastConnectionState = ConnectionState.CONNECTED;
    private volatile Thread eventThread;
    // Both written only on the event thread; volatile so isLeader()/currentTerm() can read them anywhere.
    private volatile LeaderLatch latch;
    private volatile Held held;
    /** A term whose renewal waits for RECONNECTED (event thread only). */
    private LeaderTerm renewOnReconnect;
    /** The highest epoch this node held (event thread only): a term handed to us is taken once, never again. */
    private long highestEpochHeld;

    public LeaderElection(CuratorFramework client, String nodeId, String clientAddress, LeadershipListener listener) {
        this(client, nodeId, clientAddress, listener, LoggerFactory.getLogger(LeaderElection.class));
    }

    /** As above, logging to {@code log}: a rehearsal's election logs nothing that reads like the cluster's. */
    public LeaderElection(CuratorFramework client, String nodeId, String clientAddress, LeadershipListener listener, Logger log) {
        this.log = log;
        this.client = client;
        this.nodeId = nodeId;
        this.clientAddress = clientAddress;
        this.listener = listener;
        this.epochs = new EpochStore(client);
        this.events = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "baton-election-" + nodeId);
            t.setDaemon(true);
            eventThread = t;
            return t;
        });
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.eventSink = task -> {
            try {
                events.execute(task);
            } catch (RejectedExecutionException closed) {
                log.debug("election of {} is closed; dropping a latch event", nodeId);
            }
        };
    }

    /** Joins the election; returns at once (winning is reported to the listener). */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("election already started or closed");
        }
        client.getConnectionStateListenable().addListener(connectionWatcher);
        eventSink.execute(this::contend);
    }

    public boolean isLeader() {
        return held != null;
    }

    public Optional<LeaderTerm> currentTerm() {
        Held h = held;
        return h == null ? Optional.empty() : Optional.of(h.term());
    }

    /** Ends the current term (if any) and contends again with a fresh latch; other candidates go first. */
    public void resign() {
        if (lifecycle.get() == Lifecycle.STARTED) eventSink.execute(() -> recontend("resigned", 0));
    }

    /**
     * Ends {@code term} (if it is still the current one) and starts a new term on this node with a higher
     * epoch, keeping our place in the election: for a leader whose store writes met a connection loss and
     * must reload what is stored. Waits for the connection first if it is SUSPENDED.
     */
    public void renew(LeaderTerm term) {
        if (lifecycle.get() == Lifecycle.STARTED) eventSink.execute(() -> {
            Held h = held;
            if (h == null || !h.term().equals(term)) return;
            if (lastConnectionState == ConnectionState.SUSPENDED || lastConnectionState == ConnectionState.LOST) {
                renewOnReconnect = term;
            } else {
                renewNow(h);
            }
        });
    }

    /** Ends the current term, leaves the election and waits for the last callback. Idempotent. */
    @Override
    public void close() {
        Lifecycle was = lifecycle.getAndSet(Lifecycle.CLOSED);
        if (was == Lifecycle.CLOSED) return;
        if (was == Lifecycle.STARTED) {
            client.getConnectionStateListenable().removeListener(connectionWatcher);
            runOnEventThread(() -> {
                Held h = held;
                endTerm("closed", false);
                java.util.OptionalInt storePin = h == null ? java.util.OptionalInt.empty() : beforeHandOver(h);
                // a leader leaves in one write: its latch node (the successor starts at once) with its /leader node
                Optional<HandedTerm> handed = h == null ? Optional.empty() : handOver(h, storePin);
                if (handed.isPresent()) handedOver(h, handed); // the successor hears at once
                boolean left = h != null && (handed.isPresent() || leaveAtOnce(h));
                LeaderLatch current = latch;
                if (current != null) closeLatch(current);
                if (h != null && !left) removeLeaderNodeIfOurs();
                if (h != null && handed.isEmpty()) handedOver(h, handed);
            });
        }
        events.shutdown();
        if (Thread.currentThread() != eventThread) awaitEventsTermination();
    }

    // ---------------------------------------------------------------- on the event thread

    /** Joins with a fresh latch unless a latch is already contending. */
    private void contend() {
        if (lifecycle.get() != Lifecycle.STARTED || latch != null) return;
        LeaderLatch next = new LeaderLatch(client, ZkPaths.ELECTION, nodeId, LeaderLatch.CloseMode.NOTIFY_LEADER);
        next.addListener(new LeaderLatchListener() {
            @Override public void isLeader() { onLatchWon(next); }
            @Override public void notLeader() { onLatchLost(next); }
        }, eventSink);
        latch = next;
        try {
            next.start();
        } catch (Exception e) {
            log.error("{} could not join the election", nodeId, e);
        }
    }

    private void onLatchWon(LeaderLatch source) {
        if (lifecycle.get() != Lifecycle.STARTED || source != latch || !source.hasLeadership()) return;
        Held h0 = held;
        if (h0 != null && h0.latch() == source && h0.byNotice()) return; // taken on the predecessor's word already
        if (h0 != null) endTerm("won the latch again"); // defensive: the latch never says isLeader twice
        String guard = source.getOurPath();
        if (guard == null) return; // the latch is resetting its node, so its leadership is already being dropped
        LeaderTerm term;
        try {
            EpochStore.Won won = epochs.takeOrBump(guard, highestEpochHeld,
                    List.of(ZkPaths.LEADER, ZkPaths.STORE_SEQUENCE, ZkPaths.CORDONS), this::announceAndPin);
            term = won.term();
            if (won.handed()) takeHanded(term, won.alongside());
        } catch (Exception e) {
            log.warn("{} won the latch but could not start a term ({}); contending again", nodeId, e.toString());
            recontend("could not start a term", RETRY_AFTER_FAILED_WIN_MILLIS);
            return;
        }
        if (!source.hasLeadership()) {
            // Lost while bumping: this term never served, and the queued notLeader will find nothing held.
            removeLeaderNodeIfOurs();
            return;
        }
        hold(new Held(source, term, guard, false));
    }

    /** Starts holding {@code h}'s term: the listener hears it; a SUSPENDED met while winning (no term to pause then) pauses it. */
    private void hold(Held h) {
        held = h;
        highestEpochHeld = Math.max(highestEpochHeld, h.term().epoch());
        log.info("{} leads, epoch {}{}", nodeId, h.term().epoch(), h.byNotice() ? " (handed over)" : "");
        try {
            listener.onLeadershipGained(h.term());
        } catch (RuntimeException e) {
            log.error("leadership listener failed on gaining epoch {}", h.term().epoch(), e);
        }
        if (lastConnectionState == ConnectionState.SUSPENDED) onConnection(ConnectionState.SUSPENDED);
    }

    /** On Curator's connection thread: remembers the state; pausing, resuming and ending happen on the event thread. */
    private void connectionChanged(CuratorFramework c, ConnectionState state) {
        lastConnectionState = state;
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.RECONNECTED) eventSink.execute(() -> onConnection(state));
        // the latch ends a term it won itself; one taken on a notice before the latch said so is ended here
        if (state == ConnectionState.LOST) eventSink.execute(() -> {
            Held h = held;
            if (h != null && h.byNotice() && !h.latch().hasLeadership()) endTerm(lostReason());
        });
    }

    /**
     * Takes the term a stepping-down leader says it handed to us ({@code handed}, sent to us after its hand-over
     * multi applied), without waiting for our latch to notice (a watch event and a listing) and for /epoch to be
     * read: the multi that set that epoch also deleted the leader's latch node, so ours, if it is the one named,
     * is the lowest now and the latch will soon agree. Ignored unless {@code handed} names our current latch node
     * and an epoch above any we held, and we hold no term. {@code storeVersion} and {@code storeZxid}: the store
     * the leader handed over with it (empty and 0: not known), heard by the listener as ahead of a bump. Writes of
     * the term are fenced by its epoch as always: if the notice were wrong, they would fail.
     */
    public void takeHandedTerm(HandedTerm handed, java.util.OptionalInt storeVersion, long storeZxid) {
        if (lifecycle.get() != Lifecycle.STARTED) return;
        long heardNanos = System.nanoTime();
        eventSink.execute(() -> {
            LeaderLatch current = latch;
            if (lifecycle.get() != Lifecycle.STARTED || held != null || current == null || handed.term().epoch() <= highestEpochHeld
                    || !handed.latchNode().equals(current.getOurPath())) {
                return;
            }
            long t0 = System.nanoTime();
            tellTermAhead(handed.term().epoch(), storeVersion, storeZxid);
            long t1 = System.nanoTime();
            announceInBackground(handed.term(), null);
            long t2 = System.nanoTime();
            // where a hand-over's time goes on the successor's side (BENCHMARKS, tenth round)
            log.info("{} takes handed epoch {}: waited {} ms for the election thread, {} ms telling the term ahead, {} ms announcing",
                    nodeId, handed.term().epoch(), (t0 - heardNanos) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            hold(new Held(current, handed.term(), handed.latchNode(), true));
        });
    }

    /** Ends the held term and, still holding the latch, wins again: a new epoch on this node. */
    private void renewNow(Held h) {
        renewOnReconnect = null;
        log.info("{} renews its term (epoch {}): its store is in doubt", nodeId, h.term().epoch());
        endTerm("store in doubt after a connection loss; renewing");
        onLatchWon(h.latch());
    }

    /** Pauses the term on SUSPENDED, resumes it on RECONNECTED if the latch still says we lead. */
    private void onConnection(ConnectionState state) {
        Held h = held;
        if (h == null || lifecycle.get() != Lifecycle.STARTED) return;
        try {
            if (state == ConnectionState.SUSPENDED) {
                log.info("{} pauses epoch {}: connection to ZooKeeper suspended", nodeId, h.term().epoch());
                listener.onLeadershipSuspended(h.term(), "connection to ZooKeeper suspended");
            } else if (lastConnectionState != ConnectionState.SUSPENDED && h.latch().hasLeadership()) {
                if (h.term().equals(renewOnReconnect)) {
                    renewNow(h);
                } else {
                    log.info("{} resumes epoch {}: reconnected with the same session", nodeId, h.term().epoch());
                    listener.onLeadershipResumed(h.term());
                }
            }
        } catch (RuntimeException e) {
            log.error("leadership listener failed on {} in epoch {}", state, h.term().epoch(), e);
        }
    }

    private void onLatchLost(LeaderLatch source) {
        Held h = held;
        if (h != null && h.latch() == source) endTerm(lostReason());
    }

    private void recontend(String reason, long delayMillis) {
        if (lifecycle.get() != Lifecycle.STARTED) return;
        // the latch node goes first, so the next candidate starts at once: handing it our next epoch with it when
        // we held a term; otherwise our /leader node stays until it replaces it (or we win again and do), which
        // misdirects clients no longer than removing it would
        Held h = held;
        endTerm(reason, false);
        java.util.OptionalInt storePin = h == null ? java.util.OptionalInt.empty() : beforeHandOver(h);
        Optional<HandedTerm> handed = h == null ? Optional.empty() : handOver(h, storePin);
        if (h != null) handedOver(h, handed); // the successor hears at once
        LeaderLatch old = latch;
        latch = null;
        if (old != null) closeLatch(old);
        if (delayMillis <= 0) {
            contend();
        } else {
            try {
                events.schedule(this::contend, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // closing: nothing to contend for
            }
        }
    }

    private java.util.OptionalInt beforeHandOver(Held h) {
        try {
            return listener.beforeHandOver(h.term());
        } catch (RuntimeException e) {
            log.error("leadership listener failed before handing epoch {} on", h.term().epoch(), e);
            return java.util.OptionalInt.empty();
        }
    }

    private void handedOver(Held h, Optional<HandedTerm> handed) {
        try {
            listener.handedOver(h.term(), handed);
        } catch (RuntimeException e) {
            log.error("leadership listener failed after handing epoch {} on", h.term().epoch(), e);
        }
    }

    private void endTerm(String reason) {
        endTerm(reason, true);
    }

    /** Ends the held term, if any; {@code removeLeaderNode}: delete our /leader node (two round trips) too. */
    private void endTerm(String reason, boolean removeLeaderNode) {
        Held h = held;
        if (h == null) return;
        held = null;
        log.info("{} no longer leads epoch {}: {}", nodeId, h.term().epoch(), reason);
        try {
            listener.onLeadershipEnded(h.term(), reason);
        } catch (RuntimeException e) {
            log.error("leadership listener failed on ending epoch {}", h.term().epoch(), e);
        }
        if (removeLeaderNode) removeLeaderNodeIfOurs();
    }

    private String lostReason() {
        return switch (lastConnectionState) {
            // the latch lets go while suspended only when the session is lost (session error policy); the LOST
            // state may reach us after the latch's own callback
            case SUSPENDED -> "ZooKeeper session lost (while suspended)";
            case LOST -> "ZooKeeper session lost";
            default -> "lost the election latch";
        };
    }

    // ---------------------------------------------------------------- ZooKeeper

    /**
     * The bump's own operations: the announcement, and checks that the store (jobs and runs: every write moves
     * {@code /store-sequence}) and the cordons (every change moves {@code /cordons}; created here when absent,
     * which fails if someone else created it meanwhile) have not changed since they were read with the epoch.
     * The listener hears the store's version first ({@link LeadershipListener#onTermAhead}) and may read the
     * store while the bump is written: if the bump applies, nothing was stored between that read and the new
     * epoch, after which no older term can store anything. Without a store yet, nothing is pinned.
     */
    private List<CuratorOp> announceAndPin(long epoch, List<Stat> read) throws Exception {
        Stat store = read.get(1);
        Stat cordons = read.get(2);
        tellTermAhead(epoch, store);
        List<CuratorOp> ops = new ArrayList<>(announcement(epoch, read.get(0)));
        if (store != null) {
            ops.add(client.transactionOp().check().withVersion(store.getVersion()).forPath(ZkPaths.STORE_SEQUENCE));
            ops.add(cordons != null ? client.transactionOp().check().withVersion(cordons.getVersion()).forPath(ZkPaths.CORDONS)
                    : client.transactionOp().create().forPath(ZkPaths.CORDONS));
        }
        return ops;
    }

    /** Tells the listener the store's version read with the epoch ({@code store}: its Stat, null without a store). */
    private void tellTermAhead(long epoch, Stat store) {
        tellTermAhead(epoch, store == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(store.getVersion()),
                store == null ? 0 : store.getMzxid());
    }

    private void tellTermAhead(long epoch, java.util.OptionalInt storeVersion, long storeZxid) {
        try {
            listener.onTermAhead(storeVersion, storeZxid);
        } catch (RuntimeException e) {
            log.error("leadership listener failed ahead of epoch {}", epoch, e);
        }
    }

    /**
     * Replaces /leader with ours, in the multi that bumps the epoch (guarded by our latch node). A crashed
     * leader's ephemeral /leader lingers until its session expires, and a resigned one leaves it to its
     * successor, so an existing node (its Stat read with the epoch) is deleted, version-checked, first.
     */
    private List<CuratorOp> announcement(long epoch, Stat existing) throws Exception {
        byte[] data = LeaderInfo.newBuilder().setNodeId(nodeId).setClientAddress(clientAddress).setEpoch(epoch).build().toByteArray();
        List<CuratorOp> ops = new ArrayList<>(2);
        if (existing != null) ops.add(client.transactionOp().delete().withVersion(existing.getVersion()).forPath(ZkPaths.LEADER));
        ops.add(client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.LEADER, data));
        return ops;
    }

    /**
     * Steps down from {@code h}'s term handing the next epoch to the candidate after us in the latch
     * ({@link EpochStore#handOver}), with our /leader node deleted in the same multi (and, with {@code storePin},
     * a check that {@code /store-sequence} still has that version): the successor then takes its term without
     * writing one. Empty (nothing written) when there is no other candidate, or anything changed (the caller
     * falls back to leaving as before).
     */
    private Optional<HandedTerm> handOver(Held h, java.util.OptionalInt storePin) {
        try {
            if (!client.getZookeeperClient().isConnected()) return Optional.empty();
            Optional<String> successor = LatchOrder.successorOf(client.getChildren().forPath(ZkPaths.ELECTION), h.latchNode());
            if (successor.isEmpty()) return Optional.empty();
            List<CuratorOp> also = new ArrayList<>(2);
            also.add(client.transactionOp().delete().withVersion(ANNOUNCED_VERSION).forPath(ZkPaths.LEADER));
            if (storePin.isPresent()) also.add(client.transactionOp().check().withVersion(storePin.getAsInt()).forPath(ZkPaths.STORE_SEQUENCE));
            epochs.handOver(h.term(), h.latchNode(), successor.get(), also);
            log.info("{} handed epoch {} to {}", nodeId, h.term().epoch() + 1, successor.get());
            // a setData with a version check leaves the next version
            return Optional.of(new HandedTerm(new LeaderTerm(h.term().epoch() + 1, h.term().epochVersion() + 1), successor.get()));
        } catch (Exception e) {
            log.debug("{} could not hand its epoch on ({})", nodeId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * A term handed to us: the store is read from here on as after a bump (the handing leader's writes are all
     * in, or fenced), and we announce ourselves in /leader in the background, checked against the epoch's
     * version, so the term does not wait for a write. Until then clients find no /leader and retry.
     */
    private void takeHanded(LeaderTerm term, List<Stat> read) {
        tellTermAhead(term.epoch(), read.get(1));
        announceInBackground(term, read.get(0));
    }

    /** Puts us in /leader for {@code term} in the background, checked against its epoch version ({@code existing}: /leader's Stat, null if absent). */
    private void announceInBackground(LeaderTerm term, Stat existing) {
        try {
            List<CuratorOp> ops = new ArrayList<>(3);
            ops.add(client.transactionOp().check().withVersion(term.epochVersion()).forPath(ZkPaths.EPOCH));
            ops.addAll(announcement(term.epoch(), existing));
            client.transaction().inBackground((c, event) -> {
                if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
                    log.info("{} could not announce epoch {} in /leader: {}", nodeId, term.epoch(), KeeperException.Code.get(event.getResultCode()));
                }
            }).forOperations(ops);
        } catch (Exception e) {
            log.info("{} could not announce epoch {} in /leader: {}", nodeId, term.epoch(), e.toString());
        }
    }

    /**
     * Deletes the latch node that won {@code h}'s term together with our /leader node, in one multi: one write
     * before the next candidate starts, where removing /leader first took two round trips more (and removing it
     * after the latch node could race the successor's bump, which replaces it). Our announcement created /leader,
     * so its version is 0, and while our latch node exists no one else can have replaced it. False (nothing
     * deleted) when the latch node is gone already or /leader is not the one we created; the caller falls back.
     */
    private boolean leaveAtOnce(Held h) {
        try {
            if (!client.getZookeeperClient().isConnected()) return false;
            client.transaction().forOperations(
                    client.transactionOp().delete().forPath(h.latchNode()),
                    client.transactionOp().delete().withVersion(ANNOUNCED_VERSION).forPath(ZkPaths.LEADER));
            return true;
        } catch (Exception e) {
            log.debug("{} could not leave in one write ({}); closing the latch, then removing /leader", nodeId, e.toString());
            return false;
        }
    }

    /** Best effort: a stale /leader only misdirects clients until our session ends or a successor replaces it. */
    private void removeLeaderNodeIfOurs() {
        try {
            if (!client.getZookeeperClient().isConnected()) return;
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            Stat stat = client.checkExists().forPath(ZkPaths.LEADER);
            if (stat != null && stat.getEphemeralOwner() == session) {
                client.delete().withVersion(stat.getVersion()).forPath(ZkPaths.LEADER);
            }
        } catch (Exception e) {
            log.debug("could not remove our /leader node: {}", e.toString());
        }
    }

    private void closeLatch(LeaderLatch l) {
        try {
            l.close(LeaderLatch.CloseMode.NOTIFY_LEADER);
        } catch (IOException | IllegalStateException e) {
            log.debug("closing a leader latch: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void runOnEventThread(Runnable task) {
        if (Thread.currentThread() == eventThread) {
            task.run();
            return;
        }
        try {
            events.submit(task).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.warn("closing the election of {}: {}", nodeId, e.toString());
        }
    }

    private void awaitEventsTermination() {
        try {
            if (!events.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("election event thread of {} did not stop in {} s", nodeId, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
