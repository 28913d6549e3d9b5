package io.baton.server.handover;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.google.protobuf.ByteString;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.StoreSnapshot;
import io.baton.proto.v1.TermHandOver;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.election.HandedTerm;
import io.baton.server.election.LeaderTerm;
import io.baton.server.store.RunStore;
import io.baton.server.store.StoreMirror;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler node's part in graceful hand-overs (see ARCHITECTURE "Fencing and epochs"): as a leader stepping
 * down, it takes the store snapshot ({@link #prepare}) and tells the other schedulers, once the epoch is handed
 * on, over connections kept while leading ({@link #tell}, {@link #keepPeers}); as a follower, it keeps what it is
 * told ({@link #heard}) and starts a term from the snapshot when it names the store the term reads
 * ({@link #stored}). A shell: the decisions are in {@link HandedSnapshots}, {@link FirstOf} and the election.
 */
public final class HandOvers implements AutoCloseable {
    /** Metric: hand-overs stepping-down leaders told this node of. */
    public static final String HEARD = "baton.scheduler.hand_overs.heard";
    /** Metric: terms this node started from a store snapshot handed over by the previous leader, not from a read. */
    public static final String FROM_SNAPSHOT = "baton.scheduler.takeovers.from_snapshot";

    private static final Logger log = LoggerFactory.getLogger(HandOvers.class);
    /** How long a stepping-down leader waits for its writes in flight before handing on without a snapshot. */
    private static final Duration SNAPSHOT_WAIT = Duration.ofMillis(50);
    /** How long telling one node of a hand-over may take (send, acknowledgement). */
    private static final Duration TELL_TIMEOUT = Duration.ofSeconds(1);
    /** Records a rehearsal puts in the word it sends its own node, of each kind at most, and their bytes at most. */
    private static final int REHEARSAL_RECORDS = 200;
    private static final long REHEARSAL_BYTES = 1L << 20;

    /** Takes a term this node was told it was handed (the election's {@code takeHandedTerm}). */
    @FunctionalInterface
    public interface TermTaker {
        void take(HandedTerm handed, OptionalInt storeVersion, long storeZxid);
    }

    private final String nodeId;
    private final RunStore runStore;
    private final PeerLinks peers;
    private final Supplier<List<String>> peerAddresses;
    /** Words heard, and terms taken from a handed snapshot: registered up front, not on a hand-over's path. */
    private final Counter heardWords;
    private final Counter takenFromSnapshot;
    private final HandedSnapshots handed = new HandedSnapshots();
    /** The snapshot taken before handing on, sent after (election thread only). */
    private StoreSnapshot outgoing;
    /** The telling of this node's last hand-over; close waits for it (briefly) before the RPC runtime stops. */
    private volatile CompletableFuture<Void> told = CompletableFuture.completedFuture(null);

    /** @param peerAddresses the other schedulers' client endpoints ({@code host:port}), as registered now */
    public HandOvers(String nodeId, RunStore runStore, PeerLinks peers, Supplier<List<String>> peerAddresses, MetricRegistry metrics) {
        this.nodeId = nodeId;
        this.runStore = runStore;
        this.peers = peers;
        this.peerAddresses = peerAddresses;
        this.heardWords = metrics.counter(HEARD);
        this.takenFromSnapshot = metrics.counter(FROM_SNAPSHOT);
    }

    /** While leading: keeps connections to the other schedulers current (they restart, on other ports). */
    public void keepPeers() {
        peers.keep(peerAddresses.get());
    }

    /**
     * Stepping down from {@code endedTerm}: drops its writes not sent yet and, once those in flight are in (at most
     * {@link #SNAPSHOT_WAIT}), takes the stored jobs and active runs exactly as stored ({@link RunStore#snapshotEnding});
     * returns the {@code /store-sequence} version the hand-over must still find, or empty without a snapshot.
     */
    public OptionalInt prepare(LeaderTerm endedTerm) {
        outgoing = null;
        Optional<StoreMirror.Snapshot> snapshot;
        try {
            snapshot = runStore.snapshotEnding(endedTerm).get(SNAPSHOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            log.debug("no store snapshot to hand over: {}", e.toString());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        if (snapshot.isEmpty()) return OptionalInt.empty();
        StoreMirror.Snapshot s = snapshot.get();
        outgoing = StoreSnapshot.newBuilder().setStoreZxid(s.storeZxid()).setStoreVersion(s.storeVersion())
                .addAllJobs(s.jobs().stream().map(ByteString::copyFrom).toList())
                .addAllRuns(s.runs().stream().map(ByteString::copyFrom).toList())
                .setFromNode(nodeId).setFromEpoch(endedTerm.epoch()).build();
        return OptionalInt.of(s.storeVersion());
    }

    /**
     * Handed on ({@code to}) or not: tells the other schedulers at once, with the snapshot {@link #prepare} took, so
     * the candidate it went to starts its term without waiting for its latch, the epoch's read and the store's read
     * (tens of milliseconds each on a busy ensemble). Not handed on: tells no one; whoever wins reads as always.
     * Either way, once told, a node that does not lead ({@code leading}) keeps no connections to the others.
     */
    public void tell(LeaderTerm endedTerm, Optional<HandedTerm> to, BooleanSupplier leading) {
        StoreSnapshot snapshot = outgoing;
        outgoing = null;
        if (to.isEmpty()) {
            peers.keep(List.of());
            return;
        }
        TermHandOver.Builder word = TermHandOver.newBuilder().setEpoch(to.get().term().epoch())
                .setEpochVersion(to.get().term().epochVersion()).setLatchNode(to.get().latchNode()).setFromNode(nodeId)
                .setSentMillis(System.currentTimeMillis());
        if (snapshot != null) word.setSnapshot(snapshot);
        List<String> others = peerAddresses.get();
        told = peers.request(Envelope.newBuilder().setTermHandOver(word).build(), others, TELL_TIMEOUT);
        told.whenComplete((ok, error) -> {
            if (!leading.getAsBoolean()) peers.keep(List.of());
        });
        log.info("handed epoch {} over: told {} ({} jobs and {} active runs as stored at zxid {})", to.get().term().epoch(), others,
                snapshot == null ? 0 : snapshot.getJobsCount(), snapshot == null ? 0 : snapshot.getRunsCount(),
                snapshot == null ? "-" : snapshot.getStoreZxid());
    }

    /** A stepping-down leader's word (on a Netty thread): keeps its snapshot; {@code taker} takes the term if it is ours. */
    public void heard(TermHandOver word, TermTaker taker) {
        if (word.getEpoch() == 0) return; // a rehearsal's (see rehearse)
        heardWords.inc();
        if (word.hasSnapshot()) handed.received(word.getSnapshot());
        if (word.getEpoch() < 0 || word.getEpochVersion() < 0 || word.getLatchNode().isEmpty()) return;
        log.info("heard from {} that epoch {} went to {} ({} ms after it was sent)", word.getFromNode(), word.getEpoch(),
                word.getLatchNode(), word.getSentMillis() > 0 ? System.currentTimeMillis() - word.getSentMillis() : "?");
        StoreSnapshot s = word.getSnapshot();
        taker.take(new HandedTerm(new LeaderTerm(word.getEpoch(), word.getEpochVersion()), word.getLatchNode()),
                word.hasSnapshot() ? OptionalInt.of(s.getStoreVersion()) : OptionalInt.empty(), word.hasSnapshot() ? s.getStoreZxid() : 0);
    }

    /**
     * What a term taken at store {@code storeZxid} (version {@code storeVersion}, read with the epoch) starts from:
     * the snapshot naming that store, if here (only the cordons are read); else whichever comes first of
     * {@code read} and that snapshot, still on its way ({@link FirstOf}). Tagged with the store it is.
     */
    public CompletableFuture<Coordinator.Stored> stored(long storeZxid, int storeVersion, Supplier<CompletableFuture<Coordinator.Stored>> read,
                                                        CompletableFuture<List<String>> cordons) {
        Optional<HandedSnapshots.Records> here = handed.matching(storeZxid);
        if (here.isPresent()) return cordons.thenApply(c -> fromSnapshot(here.get(), c).at(storeZxid, storeVersion));
        CompletableFuture<HandedSnapshots.Records> coming = handed.awaiting(storeZxid);
        AtomicReference<HandedSnapshots.Records> arrived = new AtomicReference<>();
        CompletableFuture<FirstOf.Outcome<Coordinator.Stored>> first = FirstOf.readOrHanded(read.get(),
                coming.thenCombine(cordons, (r, c) -> {
                    arrived.set(r);
                    return new Coordinator.Stored(r.jobs(), r.runs(), c);
                }));
        first.whenComplete((o, e) -> coming.cancel(false));
        return first.thenApply(o -> (o.source() == FirstOf.Source.HANDED ? fromSnapshot(arrived.get(), o.value().cordoned()) : o.value())
                .at(storeZxid, storeVersion));
    }

    /** A term started: the snapshot kept for it is no longer needed. */
    public void termStarted() {
        handed.clear();
    }

    /**
     * A follower's rehearsal: a word of epoch 0 (dropped on arrival) with a snapshot of some of {@code jobs} and
     * {@code runs}, sent over {@link PeerLinks} to {@code ownAddress}, and the snapshot parsed as a successor parses
     * one; so a first term is not the first run of these paths. Throws what the sending met.
     */
    public void rehearse(String ownAddress, List<JobRecord> jobs, List<RunRecord> runs, BooleanSupplier leading) throws Exception {
        StoreSnapshot.Builder snapshot = StoreSnapshot.newBuilder().setStoreZxid(1).setFromNode(nodeId);
        long room = REHEARSAL_BYTES;
        for (JobRecord j : jobs.subList(0, Math.min(jobs.size(), REHEARSAL_RECORDS))) {
            if ((room -= j.getSerializedSize()) < 0) break;
            snapshot.addJobs(j.toByteString());
        }
        for (RunRecord r : runs.subList(0, Math.min(runs.size(), REHEARSAL_RECORDS))) {
            if ((room -= r.getSerializedSize()) < 0) break;
            snapshot.addRuns(r.toByteString());
        }
        HandedSnapshots parsed = new HandedSnapshots();
        parsed.received(snapshot.build());
        parsed.matching(1);
        Envelope word = Envelope.newBuilder().setTermHandOver(TermHandOver.newBuilder().setFromNode(nodeId).setSnapshot(snapshot)).build();
        try {
            peers.request(word, List.of(ownAddress), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        } finally {
            if (!leading.getAsBoolean()) peers.keep(List.of());
        }
    }

    private Coordinator.Stored fromSnapshot(HandedSnapshots.Records r, List<String> cordoned) {
        log.info("taking over from the store snapshot {} handed over at the end of epoch {}: {} jobs, {} active runs",
                r.fromNode(), r.fromEpoch(), r.jobs().size(), r.runs().size());
        takenFromSnapshot.inc();
        return new Coordinator.Stored(r.jobs(), r.runs(), cordoned);
    }

    /** Waits (at most a second) for the last telling, then closes the connections to the others. */
    @Override
    public void close() {
        try {
            told.get(TELL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
        peers.close();
    }
}
