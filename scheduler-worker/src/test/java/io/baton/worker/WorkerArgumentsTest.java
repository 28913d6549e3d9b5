package io.baton.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerArgumentsTest {

    @Test
    void parsesEveryOption() {
        WorkerArguments a = WorkerArguments.parse(List.of("--zk", "127.0.0.1:2181", "--namespace", "/test",
                "--worker-id", "w1", "--host", "10.0.0.5", "--port=7001", "--capacity", "8",
                "--session-timeout-ms", "2500", "--journal", "/tmp/j.log"));

        assertEquals("127.0.0.1:2181", a.zk().connectString());
        assertEquals("test", a.zk().namespace());
        assertEquals(Duration.ofMillis(2500), a.zk().sessionTimeout());
        assertEquals("w1", a.worker().workerId());
        assertEquals("10.0.0.5", a.worker().host());
        assertEquals(7001, a.worker().port());
        assertEquals(8, a.worker().capacity());
        assertEquals(Optional.of(Path.of("/tmp/j.log")), a.worker().journal());
    }

    @Test
    void defaultsApplyToOmittedOptions() {
        WorkerArguments a = WorkerArguments.parse(List.of("--zk", "zk:2181"));

        assertEquals("baton", a.zk().namespace());
        assertEquals(Duration.ofSeconds(3), a.zk().sessionTimeout());
        assertEquals("127.0.0.1", a.worker().host());
        assertEquals(0, a.worker().port());
        assertEquals(4, a.worker().capacity());
        assertTrue(a.worker().workerId().matches("w-[0-9a-f]{8}"));
        assertEquals(Optional.empty(), a.worker().journal());
    }

    @Test
    void badInputGivesAOneLineReason() {
        assertEquals("missing required option --zk", error());
        assertEquals("unknown option --zoo", error("--zoo", "x"));
        assertEquals("missing value for --zk", error("--zk"));
        assertEquals("--capacity must be a whole number >= 1, got '0'", error("--zk", "z:1", "--capacity", "0"));
        assertEquals("--port must be a whole number >= 0, got 'http'", error("--zk", "z:1", "--port", "http"));
        assertEquals("port must be 0..65535: 70000", error("--zk", "z:1", "--port", "70000"));
        assertEquals("unexpected argument 'extra'", error("--zk", "z:1", "extra"));
        assertEquals("option --zk given twice", error("--zk", "z:1", "--zk", "z:2"));
        assertTrue(error("--zk", "z:1", "--worker-id", "a/b").startsWith("worker id may only contain"));
    }

    @Test
    void helpIsRecognised() {
        assertTrue(WorkerArguments.parse(List.of("--help")).help());
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> WorkerArguments.parse(List.of(args))).getMessage();
    }
}
