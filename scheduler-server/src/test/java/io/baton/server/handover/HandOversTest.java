package io.baton.server.handover;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.StoreSnapshot;
import io.baton.proto.v1.TermHandOver;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.election.HandedTerm;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a follower does with a stepping-down leader's word, and what a term then starts from (no ZooKeeper needed). */
class HandOversTest {
    private static final JobRecord JOB = JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName("j").setHandler("h")).build();
    private static final RunRecord RUN = RunRecord.newBuilder().setRunId("j@1").setJobName("j").build();

    private final RpcRuntime runtime = new RpcRuntime("hand-overs-test", 1);
    private final MetricRegistry metrics = new MetricRegistry();
    private final HandOvers handOvers = new HandOvers("s2", null, new PeerLinks(runtime, RpcConfig.defaults()), List::of, metrics);
    private final List<String> taken = new ArrayList<>();

    @AfterEach
    void stop() {
        handOvers.close();
        runtime.close();
    }

    @Test
    void aWordNamingAStoreLetsATermAtThatStoreStartFromItsSnapshotWithoutReading() {
        handOvers.heard(word(7, 3, "/election/n-2", 40), this::take);

        assertThat(taken).containsExactly("7/3 /election/n-2 store 5 @ 40");
        assertThat(metrics.counter(HandOvers.HEARD).getCount()).isEqualTo(1);
        Coordinator.Stored stored = handOvers.stored(40, 5, HandOversTest::mustNotRead, CompletableFuture.completedFuture(List.of("w9"))).join();
        assertThat(stored).isEqualTo(new Coordinator.Stored(List.of(JOB), List.of(RUN), List.of("w9"), 40, 5));
        assertThat(metrics.counter(HandOvers.FROM_SNAPSHOT).getCount()).isEqualTo(1);
    }

    @Test
    void aTermAtAnotherStoreReadsItAndARehearsalsWordIsDropped() {
        handOvers.heard(TermHandOver.newBuilder().setSnapshot(snapshot(40)).build(), this::take); // epoch 0: a rehearsal's
        handOvers.heard(word(7, 3, "/election/n-2", 40), this::take);
        Coordinator.Stored read = new Coordinator.Stored(List.of(), List.of(), List.of());

        Coordinator.Stored stored = handOvers.stored(41, 6, () -> CompletableFuture.completedFuture(read), CompletableFuture.completedFuture(List.of())).join();

        assertThat(stored).isEqualTo(read.at(41, 6));
        assertThat(taken).hasSize(1);
        assertThat(metrics.counter(HandOvers.HEARD).getCount()).isEqualTo(1);
        assertThat(metrics.counter(HandOvers.FROM_SNAPSHOT).getCount()).isZero();
    }

    private void take(HandedTerm handed, OptionalInt storeVersion, long storeZxid) {
        taken.add(handed.term().epoch() + "/" + handed.term().epochVersion() + " " + handed.latchNode() + " store "
                + storeVersion.orElse(-1) + " @ " + storeZxid);
    }

    private static TermHandOver word(long epoch, int epochVersion, String latchNode, long storeZxid) {
        return TermHandOver.newBuilder().setEpoch(epoch).setEpochVersion(epochVersion).setLatchNode(latchNode).setFromNode("s1")
                .setSnapshot(snapshot(storeZxid)).build();
    }

    private static StoreSnapshot snapshot(long zxid) {
        return StoreSnapshot.newBuilder().setStoreZxid(zxid).setStoreVersion(5).addJobs(JOB.toByteString()).addRuns(RUN.toByteString())
                .setFromNode("s1").setFromEpoch(6).build();
    }

    private static CompletableFuture<Coordinator.Stored> mustNotRead() {
        throw new AssertionError("the store was read though the snapshot names it");
    }
}
