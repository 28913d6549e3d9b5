package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes (a shell, {@code sleep}) and real signals. */
class ManagedProcessTest {
    private static final String READY_THEN_SLEEP = "echo booting; echo 'WORKER READY id=w9 address=127.0.0.1:1234'; exec sleep 60";

    @TempDir
    Path dir;

    private ManagedProcess shell(String script) {
        return ManagedProcess.launch("p", ProcessRole.WORKER, List.of("sh", "-c", script), dir.resolve("p.log"));
    }

    @Test
    void waitsForTheReadyLineAndKeepsOutputInTheLog() throws Exception {
        try (ManagedProcess p = shell(READY_THEN_SLEEP)) {
            ReadyLine ready = p.awaitReady(Duration.ofSeconds(10));

            assertThat(ready.field("address")).isEqualTo("127.0.0.1:1234");
            assertThat(p.ready()).contains(ready);
            assertThat(Files.readString(p.logFile())).startsWith("booting\n");
        }
    }

    @Test
    void kill9SendsSigkill() {
        try (ManagedProcess p = shell(READY_THEN_SLEEP)) {
            p.awaitReady(Duration.ofSeconds(10));

            assertThat(p.kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);
            assertThat(p.isAlive()).isFalse();
        }
    }

    @Test
    void terminateSendsSigterm() {
        try (ManagedProcess p = shell(READY_THEN_SLEEP)) {
            p.awaitReady(Duration.ofSeconds(10));

            assertThat(p.terminate(Duration.ofSeconds(10))).isEqualTo(ManagedProcess.SIGTERM_EXIT);
        }
    }

    @Test
    void terminateKillsAProcessThatIgnoresSigterm() {
        try (ManagedProcess p = shell("trap '' TERM; echo 'WORKER READY id=w9'; while true; do sleep 0.05; done")) {
            p.awaitReady(Duration.ofSeconds(10));

            assertThat(p.terminate(Duration.ofMillis(300))).isEqualTo(ManagedProcess.SIGKILL_EXIT);
        }
    }

    @Test
    void stopFreezesAndContResumes() {
        try (ManagedProcess p = shell(READY_THEN_SLEEP)) {
            p.awaitReady(Duration.ofSeconds(10));

            p.stop();
            await().atMost(Duration.ofSeconds(5)).until(p::isStopped);
            p.cont();
            await().atMost(Duration.ofSeconds(5)).until(() -> !p.isStopped());
            assertThat(p.isAlive()).isTrue();
        }
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsWithItsLog() {
        try (ManagedProcess p = shell("echo 'cannot bind port'; exit 7")) {
            assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(10)))
                    .hasMessageContaining("exited with status 7").hasMessageContaining("cannot bind port");
        }
    }

    @Test
    void aProcessThatNeverGetsReadyFailsAtTheDeadline() {
        try (ManagedProcess p = shell("echo 'SCHEDULER READY id=s1'; exec sleep 60")) {
            assertThatThrownBy(() -> p.awaitReady(Duration.ofMillis(300))).hasMessageContaining("not ready within 300 ms");
        }
    }

    @Test
    void closeKillsTheProcessAndIsIdempotent() {
        ManagedProcess p = shell(READY_THEN_SLEEP);
        p.awaitReady(Duration.ofSeconds(10));
        long pid = p.pid();

        p.close();
        p.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(p.exitCode()).contains(ManagedProcess.SIGKILL_EXIT);
    }

    @Test
    void terminateContinuesAStoppedProcessSoItCanExit() {
        try (ManagedProcess p = shell(READY_THEN_SLEEP)) {
            p.awaitReady(Duration.ofSeconds(10));
            p.stop();
            await().atMost(Duration.ofSeconds(5)).until(p::isStopped);

            assertThat(p.terminate(Duration.ofSeconds(10))).isEqualTo(ManagedProcess.SIGTERM_EXIT);
        }
    }
}
