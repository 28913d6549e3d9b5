package io.baton.server.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FirstOfTest {
    @Test
    void aSnapshotArrivingBeforeTheReadServesAndTheReadIsDropped() {
        CompletableFuture<String> read = new CompletableFuture<>();
        CompletableFuture<String> handed = new CompletableFuture<>();
        CompletableFuture<FirstOf.Outcome<String>> first = FirstOf.readOrHanded(read, handed);
        assertThat(first).isNotDone();

        handed.complete("snapshot");

        assertThat(first.join()).isEqualTo(new FirstOf.Outcome<>("snapshot", FirstOf.Source.HANDED));
        assertThat(read).isCancelled();
    }

    @Test
    void aReadDoneFirstServesAndTheWaitForTheSnapshotIsCancelled() {
        CompletableFuture<String> read = new CompletableFuture<>();
        CompletableFuture<String> handed = new CompletableFuture<>();
        CompletableFuture<FirstOf.Outcome<String>> first = FirstOf.readOrHanded(read, handed);

        read.complete("read");
        handed.complete("late"); // too late: already cancelled

        assertThat(first.join()).isEqualTo(new FirstOf.Outcome<>("read", FirstOf.Source.READ));
        assertThat(handed).isCancelled();
    }

    @Test
    void aFailedSnapshotLeavesItToTheReadAndAFailedReadFailsTheWhole() {
        CompletableFuture<String> read = new CompletableFuture<>();
        CompletableFuture<String> handed = new CompletableFuture<>();
        CompletableFuture<FirstOf.Outcome<String>> first = FirstOf.readOrHanded(read, handed);
        handed.completeExceptionally(new IllegalArgumentException("does not parse"));
        assertThat(first).isNotDone();
        read.complete("read");
        assertThat(first.join().source()).isEqualTo(FirstOf.Source.READ);

        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<FirstOf.Outcome<String>> failed = FirstOf.readOrHanded(failing, new CompletableFuture<>());
        failing.completeExceptionally(new IllegalStateException("ZooKeeper unreadable"));
        assertThat(failed).isCompletedExceptionally();
    }
}
