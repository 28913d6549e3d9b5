package io.baton.testing.chaos;

import io.baton.testing.chaos.check.ChaosVerdict;
import io.baton.testing.chaos.check.FailoverFigures;
import io.baton.testing.chaos.check.Percentiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report of a chaos run: the verdict, the figures against their targets, the fault timeline and every
 * violation, as Markdown for people and as a flat map (written as JSON) for scripts. Pure.
 */
public final class ChaosReport {
    /** Targets of the issue that defined the suite. */
    static final long WORKER_LOSS_P99_TARGET_MILLIS = 2_000;
    static final long LEADER_LOSS_P99_TARGET_MILLIS = 3_000;

    /** What the run was: for the report's header. */
    public record RunInfo(long seed, long startedMillis, long endedMillis, int zooKeeperNodes, int schedulers, int workers,
                          int workerCapacity, long sessionTimeoutMillis, int jobs) {}

    private ChaosReport() {}

    public static Map<String, Object> figures(ChaosVerdict v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("passed", v.passed());
        f.put("violations", v.violations().size());
        f.put("runs_expected", v.runs().expected());
        f.put("runs_recorded", v.runs().found());
        f.put("runs_lost", v.runs().lost());
        f.put("runs_doubled", v.runs().doubled());
        f.put("fires_folded_by_fire_once_now", v.runs().folded());
        f.put("shard_executions", v.shards().executions());
        f.put("extra_executions", v.shards().extraExecutions());
        f.put("extra_executions_by_fault", v.shards().extrasByFault());
        f.put("stale_rejected_by_workers", v.staleRejectedByWorkers());
        f.put("stale_rejected_by_leaders", v.staleRejectedByLeaders());
        f.put("fencing_violations", v.fencingViolations());
        FailoverFigures.Result fo = v.failover();
        putPercentiles(f, "worker_loss_to_shard_elsewhere_ms", fo.workerLoss());
        putPercentiles(f, "leader_loss_to_next_dispatch_ms", fo.leaderLoss());
        putPercentiles(f, "all_schedulers_restart_to_next_dispatch_ms", fo.schedulersRestart());
        putPercentiles(f, "quorum_back_to_next_dispatch_ms", fo.quorumRegained());
        f.put("sigterm_shards_finished", fo.drainedFinished());
        f.put("sigterm_shards_handed_back", fo.drainedHandedBack());
        f.put("leader_changes_on_single_zookeeper_node_loss", fo.leaderChangesOnNodeLoss());
        putPercentiles(f, "fire_to_start_quiet_ms", fo.fireToStartQuiet());
        putPercentiles(f, "fire_to_start_single_zookeeper_node_loss_ms", fo.fireToStartOnNodeLoss());
        return f;
    }

    private static void putPercentiles(Map<String, Object> f, String name, Percentiles p) {
        f.put(name + "_count", p.count());
        f.put(name + "_p50", p.p50());
        f.put(name + "_p99", p.p99());
        f.put(name + "_max", p.max());
    }

    public static String markdown(RunInfo info, List<FaultRecord> faults, ChaosVerdict v) {
        StringBuilder md = new StringBuilder();
        md.append("# Baton chaos report\n\n");
        md.append("Seed ").append(info.seed()).append(", ").append((info.endedMillis() - info.startedMillis()) / 1000)
                .append(" s; ").append(info.zooKeeperNodes()).append(" ZooKeeper nodes, ").append(info.schedulers())
                .append(" schedulers, ").append(info.workers()).append(" workers × ").append(info.workerCapacity())
                .append(" slots, session timeout ").append(info.sessionTimeoutMillis()).append(" ms, ").append(info.jobs())
                .append(" jobs. Every process is its own JVM on 127.0.0.1.\n\n");
        md.append("**Verdict: ").append(v.passed() ? "PASSED" : "FAILED (" + v.violations().size() + " violations)").append("**\n\n");
        md.append("| figure | value | target |\n|---|---|---|\n");
        row(md, "runs expected (scheduled fires + acknowledged triggers)", v.runs().expected(), "");
        row(md, "runs recorded", v.runs().found(), "");
        row(md, "runs lost", v.runs().lost(), "0");
        row(md, "runs doubled", v.runs().doubled(), "0");
        row(md, "missed fires folded by FIRE_ONCE_NOW", v.runs().folded(), "");
        row(md, "shard executions", v.shards().executions(), "");
        row(md, "extra executions (each explained by a fault)", v.shards().extraExecutions() + " " + v.shards().extrasByFault(), "");
        row(md, "stale messages rejected (workers / leaders)", v.staleRejectedByWorkers() + " / " + v.staleRejectedByLeaders(), "");
        row(md, "stale or fenced-off work applied", v.fencingViolations(), "0");
        FailoverFigures.Result fo = v.failover();
        row(md, "worker loss → its shards running elsewhere", fo.workerLoss(), target(fo.workerLoss(), WORKER_LOSS_P99_TARGET_MILLIS));
        row(md, "leader loss → next dispatch", fo.leaderLoss(), target(fo.leaderLoss(), LEADER_LOSS_P99_TARGET_MILLIS));
        row(md, "all schedulers killed → next dispatch (incl. JVM start)", fo.schedulersRestart(), "");
        row(md, "ZooKeeper quorum back → next dispatch", fo.quorumRegained(), "");
        row(md, "SIGTERM'd worker: shards finished / handed back", fo.drainedFinished() + " / " + fo.drainedHandedBack(), "");
        row(md, "new epochs while one ZooKeeper node was down (same-node renewals included)", fo.leaderChangesOnNodeLoss(), "0");
        row(md, "fire → first shard start, far from any fault", fo.fireToStartQuiet(), "");
        row(md, "fire → first shard start, one ZooKeeper node down", fo.fireToStartOnNodeLoss(), "");
        md.append("\n## Faults\n\n| # | fault | targets | at (s) | healed after (ms) | epoch before |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < faults.size(); i++) {
            FaultRecord f = faults.get(i);
            md.append("| ").append(i + 1).append(" | ").append(f.kind()).append(" | ").append(String.join(", ", f.targets()))
                    .append(" | ").append(String.format("%.1f", (f.injectedMillis() - info.startedMillis()) / 1000.0))
                    .append(" | ").append(f.healedMillis() - f.injectedMillis()).append(" | ").append(f.epochBefore()).append(" |\n");
        }
        md.append("\n## Violations\n\n");
        md.append(v.violations().isEmpty() ? "None.\n" : v.violations().stream().map(s -> "- " + s).collect(Collectors.joining("\n")) + "\n");
        return md.toString();
    }

    private static String target(Percentiles p, long p99Target) {
        if (p.count() == 0) return "p99 ≤ " + p99Target + " ms (no sample)";
        return "p99 ≤ " + p99Target + " ms " + (p.p99() <= p99Target ? "(met)" : "(MISSED)");
    }

    private static void row(StringBuilder md, String name, Object value, String target) {
        md.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" |\n");
    }
}
