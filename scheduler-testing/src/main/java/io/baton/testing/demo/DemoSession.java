package io.baton.testing.demo;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One demo: looks at the cluster, submits the job, follows its run until it finishes or the deadline
 * passes, and prints progress — redrawn in place on a terminal, one line per change otherwise. The shell
 * around {@link ProgressView} and {@link DemoVerdict}; owned by {@link io.baton.testing.DemoMain}.
 */
public final class DemoSession {
    private static final long PLAIN_HEARTBEAT_MILLIS = 5_000;

    private final BatonClient client;
    private final PrintStream out;
    private final boolean redraw;
    private final int width;
    private final long startNanos = System.nanoTime();
    private boolean lineOpen;

    /** @param width terminal columns when redrawing (a wrapped line cannot be redrawn); 0 when unknown */
    public DemoSession(BatonClient client, PrintStream out, boolean redraw, int width) {
        this.client = client;
        this.out = out;
        this.redraw = redraw;
        this.width = width;
    }

    /** Runs the demo; throws {@link BatonException} only when the cluster cannot be reached at the start. */
    public DemoVerdict run(JobSpec spec, Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        ClusterView cluster = client.clusterStatus();
        out.println("cluster: " + describe(cluster));
        if (cluster.getWorkersCount() == 0) out.println("warning: no worker is registered yet; the run waits for one");
        RunRecord run = client.submit(spec).orElseThrow(() -> new IllegalStateException("a run-now job returned no run"));
        out.printf("submitted job %s: run %s, %d shards of %s (job parameter '%s')%n",
                spec.getName(), run.getRunId(), spec.getShardCount(), spec.getHandler(), spec.getJobParameter());
        RunRecord last = follow(run, cluster, deadline);
        endLine();
        out.println();
        out.print(ProgressView.shardTable(last));
        if (last.getState() == RunState.RUN_STATE_RUNNING) {
            return DemoVerdict.timedOut(run.getRunId(), timeout.toSeconds(), ShardTally.of(last));
        }
        return DemoVerdict.of(last);
    }

    private RunRecord follow(RunRecord run, ClusterView cluster, long deadline) {
        RunRecord last = run;
        Optional<LeaderInfo> leader = Optional.of(cluster.getLeader());
        int workers = cluster.getWorkersCount();
        String shown = null;
        long shownAt = 0;
        while (last.getState() == RunState.RUN_STATE_RUNNING && System.nanoTime() < deadline) {
            try {
                last = client.getRun(run.getRunId());
                ClusterView now = client.clusterStatus();
                workers = now.getWorkersCount();
                leader = noteLeaderChange(leader, now.getLeader());
            } catch (BatonException e) {
                // a leader change in progress: keep the last view, the deadline bounds the wait
                printEvent("(cluster busy: " + e.getMessage() + ")");
            }
            String status = ProgressView.statusLine(elapsed(), leader, workers, ShardTally.of(last));
            String key = status.substring(status.indexOf(']') + 1);
            long now = System.nanoTime();
            if (redraw || !key.equals(shown) || now - shownAt > TimeUnit.MILLISECONDS.toNanos(PLAIN_HEARTBEAT_MILLIS)) {
                printStatus(status);
                shown = key;
                shownAt = now;
            }
            if (last.getState() == RunState.RUN_STATE_RUNNING) pause(redraw ? 200 : 400);
        }
        return last;
    }

    private Optional<LeaderInfo> noteLeaderChange(Optional<LeaderInfo> before, LeaderInfo now) {
        if (before.isPresent() && !Objects.equals(before.get().getNodeId(), now.getNodeId()) && !now.getNodeId().isEmpty()) {
            printEvent("leader changed: " + before.get().getNodeId() + " (epoch " + before.get().getEpoch() + ") -> "
                    + now.getNodeId() + " (epoch " + now.getEpoch() + ")");
        }
        return now.getNodeId().isEmpty() ? before : Optional.of(now);
    }

    private void printStatus(String status) {
        if (redraw) {
            String fitted = width > 1 && status.length() >= width ? status.substring(0, width - 1) : status;
            out.print("\r" + fitted + "\033[K");
            lineOpen = true;
        } else {
            out.println(status);
        }
        out.flush();
    }

    private void printEvent(String text) {
        endLine();
        out.println(text);
    }

    private void endLine() {
        if (lineOpen) out.println();
        lineOpen = false;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String describe(ClusterView c) {
        String workers = c.getWorkersList().stream().map(w -> w.getWorkerId() + "(capacity " + w.getCapacity() + ")")
                .collect(Collectors.joining(", "));
        String schedulers = c.getSchedulersList().stream().map(s -> s.getNodeId()).collect(Collectors.joining(", "));
        return "leader " + (c.getLeader().getNodeId().isEmpty() ? "none" : c.getLeader().getNodeId() + " (epoch " + c.getLeader().getEpoch() + ")")
                + "; schedulers [" + schedulers + "]; workers [" + workers + "]";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // refresh interval of the display
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted");
        }
    }
}
