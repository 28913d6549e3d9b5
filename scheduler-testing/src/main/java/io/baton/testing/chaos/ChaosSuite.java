package io.baton.testing.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.proto.v1.RunState;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.chaos.check.ChaosVerdict;
import io.baton.testing.chaos.check.InvariantChecker;
import io.baton.testing.journal.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run end to end: starts a 3-node ZooKeeper ensemble, 3 schedulers and the workers as separate
 * JVMs, submits the {@link ChaosWorkload}, keeps API triggers going, injects the planned faults at random
 * moments (healing each and waiting until the cluster is whole again), then stops the workload, waits until
 * every run has finished, gathers the evidence (runs from the cluster, journals and logs from the run
 * directory), judges it with {@link InvariantChecker} and writes {@code chaos-report.md} and
 * {@code chaos-report.json} to the run directory. Every process started is stopped at the end, also on failure.
 */
public final class ChaosSuite {
    private static final Logger log = LoggerFactory.getLogger(ChaosSuite.class);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COLLECT_EVERY = Duration.ofSeconds(20);

    /** What a run produced: the verdict, the faults injected, and where the report was written. */
    public record Outcome(ChaosVerdict verdict, List<FaultRecord> faults, Path report, String markdown) {}

    private final ChaosSettings settings;

    public ChaosSuite(ChaosSettings settings) {
        this.settings = settings;
    }

    public Outcome run() {
        Random random = new Random(settings.seed());
        List<ChaosWorkload.Job> workload = ChaosWorkload.jobs(random);
        List<FaultPlanner.PlannedFault> plan = FaultPlanner.firstRound(random);
        log.info("chaos run: seed {}, {} jobs, first round of faults (about {} s): {}, then random ones for {} s in all",
                settings.seed(), workload.size(), FaultPlanner.expectedLength(plan).toSeconds(),
                plan.stream().map(p -> p.kind().name()).toList(), settings.faultPhase().toSeconds());
        try (ClusterProcesses cluster = ClusterProcesses.create(settings.cluster())) {
            long started = System.currentTimeMillis();
            startCluster(cluster);
            try (BatonClient triggers = newClient(cluster); BatonClient reader = newClient(cluster)) {
                List<ChaosJob> jobs = submit(cluster.client(), workload);
                long checkedFrom = System.currentTimeMillis();
                RunCollector collector = new RunCollector(reader, jobs.stream().map(ChaosJob::name).toList());
                TriggerDriver driver = new TriggerDriver(triggers, namesOf(jobs, ChaosJob.Kind.API), settings.triggerInterval());
                List<FaultRecord> faults;
                long checkedTo;
                try (collector; driver) {
                    collector.startPeriodic(COLLECT_EVERY);
                    driver.start();
                    faults = injectFaults(cluster, random, plan);
                    checkedTo = System.currentTimeMillis();
                }
                stopWorkload(cluster.client(), jobs);
                ChaosEvidence evidence = gather(cluster, jobs, checkedFrom, checkedTo, collector, driver.records(), faults);
                ChaosVerdict verdict = InvariantChecker.judge(evidence);
                ChaosReport.RunInfo info = new ChaosReport.RunInfo(settings.seed(), started, System.currentTimeMillis(),
                        ChaosSettings.ZOOKEEPER_NODES, ChaosSettings.SCHEDULERS, settings.workers(), settings.workerCapacity(),
                        settings.cluster().sessionTimeout().toMillis(), jobs.size());
                return write(cluster.runDir(), info, faults, verdict);
            }
        }
    }

    private void startCluster(ClusterProcesses cluster) {
        cluster.startZooKeeperEnsemble(ChaosSettings.ZOOKEEPER_NODES);
        List<String> schedulers = IntStream.rangeClosed(1, ChaosSettings.SCHEDULERS).mapToObj(i -> "s" + i).toList();
        List<String> workers = IntStream.rangeClosed(1, settings.workers()).mapToObj(i -> "w" + i).toList();
        cluster.startNodes(schedulers, workers, settings.workerCapacity());
        Waits.await("a leader", Duration.ofSeconds(60), () -> cluster.leaderProcess().isPresent());
    }

    private static BatonClient newClient(ClusterProcesses cluster) {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()).withRequestTimeout(Duration.ofSeconds(10)));
    }

    private static List<ChaosJob> submit(BatonClient client, List<ChaosWorkload.Job> workload) {
        List<ChaosJob> jobs = new ArrayList<>();
        for (ChaosWorkload.Job j : workload) {
            client.submit(j.spec());
            jobs.add(j.job().withCreatedMillis(client.getJob(j.spec().getName()).getCreatedMillis()));
        }
        return jobs;
    }

    private List<FaultRecord> injectFaults(ClusterProcesses cluster, Random random, List<FaultPlanner.PlannedFault> plan) {
        FaultInjector injector = new FaultInjector(cluster, random, settings.workerCapacity(), settings.cluster().sessionTimeout());
        Waits.let(WARM_UP.toMillis());
        long deadline = System.currentTimeMillis() + settings.faultPhase().toMillis();
        List<FaultRecord> faults = new ArrayList<>();
        for (FaultPlanner.PlannedFault planned : plan) faults.add(inject(injector, planned));
        for (FaultPlanner.PlannedFault next = FaultPlanner.next(random); FaultPlanner.fits(next, System.currentTimeMillis(), deadline);
             next = FaultPlanner.next(random)) {
            faults.add(inject(injector, next));
        }
        Waits.let(SETTLE.toMillis());
        return faults;
    }

    private static FaultRecord inject(FaultInjector injector, FaultPlanner.PlannedFault planned) {
        Waits.let(planned.gapMillis());
        FaultRecord record = injector.inject(planned.kind());
        injector.awaitHealthy();
        return record;
    }

    /** Pauses every cron job and waits until no run of any job is active. */
    private static void stopWorkload(BatonClient client, List<ChaosJob> jobs) {
        for (String job : namesOf(jobs, ChaosJob.Kind.CRON)) {
            Waits.await("job " + job + " paused", Duration.ofSeconds(60), () -> client.pause(job).getPaused());
        }
        Set<RunState> active = Set.of(RunState.RUN_STATE_RUNNING, RunState.RUN_STATE_QUEUED);
        Waits.await("every run finished", DRAIN_TIMEOUT, () ->
                jobs.stream().allMatch(j -> client.listRuns(j.name(), active).isEmpty()));
    }

    private ChaosEvidence gather(ClusterProcesses cluster, List<ChaosJob> jobs, long from, long to, RunCollector collector,
                                 List<TriggerRecord> triggers, List<FaultRecord> faults) {
        Waits.await("the final read of every run", Duration.ofSeconds(60), () -> {
            collector.collect();
            return true;
        });
        List<JournalEntry> journal = JournalEntry.readAll(cluster.journals());
        return new ChaosEvidence(jobs, from, to, collector.runs(), journal, faults, triggers,
                LogCounts.count(cluster.runDir(), LogCounts.WORKER_STALE), LogCounts.count(cluster.runDir(), LogCounts.LEADER_STALE),
                settings.cluster().sessionTimeout().toMillis());
    }

    private static List<String> namesOf(List<ChaosJob> jobs, ChaosJob.Kind kind) {
        return jobs.stream().filter(j -> j.kind() == kind).map(ChaosJob::name).toList();
    }

    private static Outcome write(Path dir, ChaosReport.RunInfo info, List<FaultRecord> faults, ChaosVerdict verdict) {
        String md = ChaosReport.markdown(info, faults, verdict);
        Path report = dir.resolve("chaos-report.md");
        try {
            Files.writeString(report, md);
            var json = new java.util.LinkedHashMap<String, Object>(ChaosReport.figures(verdict));
            json.put("seed", info.seed());
            json.put("faults", faults.stream().map(FaultRecord::describe).toList());
            json.put("violation_list", verdict.violations());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("chaos-report.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chaos report to " + dir, e);
        }
        return new Outcome(verdict, faults, report, md);
    }
}
