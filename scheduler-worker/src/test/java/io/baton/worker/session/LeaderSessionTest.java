package io.baton.worker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderSessionTest {
    private static final String OLD = "connection-to-old-leader";
    private static final String NEW = "connection-to-new-leader";

    private final LeaderSession<String> session =
            new LeaderSession<>(new WorkerIdentity("w1", 2, List.of("demo.sleep", "demo.echo")));

    @Test
    void helloAnswersWithIdentityAndBecomesCurrentLeader() {
        WorkerStatus status = welcome(session.onHello(OLD, 5)).status();

        assertEquals("w1", status.getWorkerId());
        assertEquals(2, status.getCapacity());
        assertEquals(List.of("demo.echo", "demo.sleep"), status.getHandlersList());
        assertEquals(Optional.of(OLD), session.currentLeader());
        assertEquals(5, session.highestEpoch());
    }

    @Test
    void drainingIsToldToTheCurrentLeaderAndRepeatedInEveryLaterHello() {
        assertEquals(Optional.empty(), session.onDraining(), "no leader yet: nobody to tell now");
        session.onHello(OLD, 5);
        assertTrue(welcome(session.onHello(NEW, 6)).status().getDraining());
        assertEquals(Optional.of(NEW), session.onDraining());
    }

    @Test
    void staleHelloIsRejectedWithHighestEpochAndCounted() {
        session.onHello(NEW, 5);

        HelloOutcome.Fenced<String> fenced = assertInstanceOf(HelloOutcome.Fenced.class, session.onHello(OLD, 4));

        assertEquals(5, fenced.rejected().getHighestEpoch());
        assertTrue(fenced.rejected().getReason().contains("stale epoch 4"));
        assertEquals(1, session.staleRejected());
        assertEquals(Optional.of(NEW), session.currentLeader());
    }

    @Test
    void everyKindOfStaleMessageIsDroppedAndCounted() {
        session.onHello(NEW, 5);
        assertEquals(Verdict.ACCEPTED, session.onAssign(5, ref("r1", 0)));

        assertEquals(Verdict.STALE, session.onAssign(4, ref("r1", 1)));
        assertEquals(Verdict.STALE, session.onCancel(4, ref("r1", 0)));
        assertEquals(Verdict.STALE, session.onAck(3, List.of(ref("r1", 0))));

        assertEquals(3, session.staleRejected());
        assertEquals(List.of(ref("r1", 0)), session.running());
        assertEquals(3, session.status().getStaleRejected());
    }

    @Test
    void higherEpochHelloSwitchesLeaderAndReplacesTheOldConnection() {
        session.onHello(OLD, 5);

        HelloOutcome.Welcome<String> welcome = welcome(session.onHello(NEW, 6));

        assertEquals(Optional.of(OLD), welcome.replaced());
        assertEquals(Optional.of(NEW), session.currentLeader());
        assertEquals(6, session.highestEpoch());
    }

    @Test
    void helloWithEqualEpochOnNewConnectionIsTheSameLeaderReconnecting() {
        session.onHello(OLD, 5);

        HelloOutcome.Welcome<String> welcome = welcome(session.onHello(NEW, 5));

        assertEquals(Optional.of(OLD), welcome.replaced());
        assertEquals(Optional.of(NEW), session.currentLeader());
        assertEquals(0, session.staleRejected());
    }

    @Test
    void repeatedHelloOnSameConnectionReplacesNothing() {
        session.onHello(OLD, 5);
        assertEquals(Optional.empty(), welcome(session.onHello(OLD, 5)).replaced());
    }

    @Test
    void duplicateAssignmentOfRunningOrFinishedAttemptIsIgnored() {
        session.onHello(NEW, 5);
        AttemptRef ref = ref("r1", 0);
        assertEquals(Verdict.ACCEPTED, session.onAssign(5, ref));

        assertEquals(Verdict.DUPLICATE, session.onAssign(5, ref));
        session.onReport(report(ref, ShardOutcome.SHARD_OUTCOME_SUCCEEDED));
        assertEquals(Verdict.DUPLICATE, session.onAssign(5, ref));
        session.onAck(5, List.of(ref));
        assertEquals(Verdict.DUPLICATE, session.onAssign(5, ref));
    }

    @Test
    void finishedAttemptsAreRememberedUpToTheirBound() {
        LeaderSession<String> small = new LeaderSession<>(new WorkerIdentity("w1", 1, List.of()), 1);
        for (int shard = 0; shard < 2; shard++) {
            small.onAssign(5, ref("r1", shard));
            small.onReport(report(ref("r1", shard), ShardOutcome.SHARD_OUTCOME_SUCCEEDED));
            small.onAck(5, List.of(ref("r1", shard)));
        }
        assertEquals(Verdict.ACCEPTED, small.onAssign(5, ref("r1", 0)));
        assertEquals(Verdict.DUPLICATE, small.onAssign(5, ref("r1", 1)));
    }

    @Test
    void newAttemptOfSameShardIsNotADuplicate() {
        assertEquals(Verdict.ACCEPTED, session.onAssign(5, ref("r1", 0)));
        AttemptRef retry = ref("r1", 0).toBuilder().setAttempt(2).build();
        assertEquals(Verdict.ACCEPTED, session.onAssign(5, retry));
    }

    @Test
    void assignmentWithCurrentEpochFromAnotherConnectionIsAccepted() {
        session.onHello(OLD, 5);
        session.onDisconnected(OLD);
        assertEquals(Verdict.ACCEPTED, session.onAssign(5, ref("r1", 0)));
    }

    @Test
    void terminalReportGoesToLeaderAndStaysInOutboxUntilAcked() {
        session.onHello(NEW, 5);
        session.onAssign(5, ref("r1", 0));

        assertEquals(Optional.of(NEW), session.onReport(report(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_STARTED)));
        assertEquals(List.of(), session.unacked());
        ShardReport done = report(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
        assertEquals(Optional.of(NEW), session.onReport(done));

        assertEquals(List.of(done), session.unacked());
        assertEquals(List.of(), session.running());
        assertEquals(Verdict.ACCEPTED, session.onAck(5, List.of(ref("r1", 0))));
        assertEquals(List.of(), session.unacked());
    }

    @Test
    void ackRemovesOnlyTheAcknowledgedReports() {
        session.onHello(NEW, 5);
        ShardReport first = finish(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
        ShardReport second = finish(ref("r1", 1), ShardOutcome.SHARD_OUTCOME_FAILED);

        session.onAck(5, List.of(first.getRef(), ref("unknown", 9)));

        assertEquals(List.of(second), session.unacked());
    }

    @Test
    void unackedReportsAndRunningAttemptsComeBackInTheNextLeadersHello() {
        session.onHello(OLD, 5);
        ShardReport done = finish(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
        ShardReport refused = finish(ref("r1", 1), ShardOutcome.SHARD_OUTCOME_REFUSED);
        session.onAssign(5, ref("r1", 2));

        WorkerStatus status = welcome(session.onHello(NEW, 6)).status();

        assertEquals(List.of(done, refused), status.getUnackedReportsList());
        assertEquals(List.of(ref("r1", 2)), status.getRunningList());
    }

    @Test
    void reportsOfALeaderlessPeriodAreKeptAndNotSentToAnyone() {
        session.onHello(OLD, 5);
        session.onAssign(5, ref("r1", 0));
        session.onDisconnected(OLD);

        assertEquals(Optional.empty(), session.onReport(report(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_CANCELLED)));

        assertEquals(1, session.unacked().size());
        assertEquals(1, welcome(session.onHello(NEW, 6)).status().getUnackedReportsCount());
    }

    @Test
    void disconnectOfAnotherConnectionKeepsTheLeader() {
        session.onHello(NEW, 6);
        session.onDisconnected(OLD);
        assertEquals(Optional.of(NEW), session.currentLeader());
    }

    @Test
    void leaderOfAnOlderEpochIsNoLongerCurrentOnceAHigherEpochIsSeen() {
        session.onHello(OLD, 5);
        session.onAssign(6, ref("r1", 0));

        assertEquals(Optional.empty(), session.currentLeader());
        assertEquals(Optional.empty(), session.onReport(report(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_SUCCEEDED)));
        assertEquals(1, session.unacked().size());
    }

    @Test
    void cancelAppliesOnlyToRunningAttempts() {
        session.onAssign(5, ref("r1", 0));
        assertEquals(Verdict.ACCEPTED, session.onCancel(5, ref("r1", 0)));
        assertEquals(Verdict.IGNORED, session.onCancel(5, ref("r1", 1)));
    }

    @Test
    void timedOutIsTerminalSoTheAttemptEndsAndItsReportWaitsInTheOutbox() {
        session.onHello(NEW, 5);
        ShardReport timedOut = finish(ref("r1", 0), ShardOutcome.SHARD_OUTCOME_TIMED_OUT);

        assertTrue(LeaderSession.isTerminal(ShardOutcome.SHARD_OUTCOME_TIMED_OUT));
        assertEquals(List.of(), session.running());
        assertEquals(List.of(timedOut), session.unacked());
        assertEquals(Verdict.DUPLICATE, session.onAssign(5, ref("r1", 0)));
    }

    @Test
    void onlyStartedAndUnknownOutcomesAreNotTerminal() {
        for (ShardOutcome outcome : ShardOutcome.values()) {
            boolean progress = outcome == ShardOutcome.SHARD_OUTCOME_STARTED
                    || outcome == ShardOutcome.SHARD_OUTCOME_UNSPECIFIED || outcome == ShardOutcome.UNRECOGNIZED;
            assertEquals(!progress, LeaderSession.isTerminal(outcome), outcome.name());
        }
    }

    private ShardReport finish(AttemptRef ref, ShardOutcome outcome) {
        session.onAssign(session.highestEpoch(), ref);
        ShardReport report = report(ref, outcome);
        session.onReport(report);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static HelloOutcome.Welcome<String> welcome(HelloOutcome<String> outcome) {
        return assertInstanceOf(HelloOutcome.Welcome.class, outcome);
    }

    private static AttemptRef ref(String runId, int shard) {
        return AttemptRef.newBuilder().setRunId(runId).setShardIndex(shard).setAttempt(1).setAssignEpoch(5).build();
    }

    private static ShardReport report(AttemptRef ref, ShardOutcome outcome) {
        return ShardReport.newBuilder().setRef(ref).setOutcome(outcome).setWorkerId("w1").build();
    }
}
