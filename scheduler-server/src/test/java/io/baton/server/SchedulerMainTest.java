package io.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Layer 1: the scheduler's command line refuses bad settings before it connects anywhere. */
class SchedulerMainTest {

    @Test
    void aNegativeNumberOfWarmWorkerLinksIsRefusedWithAMessage() {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new SchedulerMain()).setErr(new PrintWriter(err));

        int exit = cmd.execute("--zk", "127.0.0.1:1", "--node-id", "s1", "--warm-worker-links", "-1");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--warm-worker-links").contains("must not be negative");
    }

    @Test
    void warmWorkerLinksDefaultToTheDocumentedNumber() {
        SchedulerMain main = new SchedulerMain();
        new CommandLine(main).parseArgs("--zk", "127.0.0.1:1", "--node-id", "s1");

        assertThat(main.warmWorkerLinks).isEqualTo(SchedulerConfig.DEFAULT_WARM_WORKER_LINKS).isEqualTo(256);
    }
}
