package io.baton.cli.render;

import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.SchedulerInfo;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Text views of a {@link ClusterView}: {@code cluster status} and {@code worker list}. */
public final class ClusterTables {
    private ClusterTables() {}

    /** One worker as registered in ZooKeeper and as the leader sees it (either may be missing). */
    public record WorkerRow(String workerId, Optional<WorkerInfo> info, Optional<WorkerState> state) {}

    /**
     * Connection used, leader and epoch, scheduler nodes, and workers. {@code connection} describes where
     * the CLI looked for the cluster (e.g. {@code ZooKeeper 127.0.0.1:2181, namespace baton}).
     */
    public static String status(ClusterView view, String connection) {
        Fields head = new Fields().add("Connection", connection)
                .add("Leader", view.hasLeader() && !view.getLeader().getNodeId().isEmpty()
                        ? view.getLeader().getNodeId() + " at " + view.getLeader().getClientAddress() + ", epoch " + view.getLeader().getEpoch()
                        : "none");
        Table schedulers = Table.of("SCHEDULER", "ADDRESS", "ROLE");
        view.getSchedulersList().stream().sorted(Comparator.comparing(SchedulerInfo::getNodeId)).forEach(s ->
                schedulers.row(s.getNodeId(), s.getClientAddress(),
                        s.getNodeId().equals(view.getLeader().getNodeId()) ? "leader" : "follower"));
        return head.render() + "\n" + schedulers.render() + "\n" + workers(view);
    }

    /** One row per worker: address, capacity, running shards, connected/cordoned/draining, handlers. */
    public static String workers(ClusterView view) {
        Table table = Table.of("WORKER", "ADDRESS", "CAPACITY", "RUNNING", "CONNECTED", "CORDONED", "DRAINING", "HANDLERS");
        for (WorkerRow w : workerRows(view)) {
            Optional<WorkerState> s = w.state();
            int capacity = w.info().map(WorkerInfo::getCapacity).orElse(s.map(WorkerState::getCapacity).orElse(0));
            table.row(w.workerId(), w.info().map(WorkerInfo::getAddress).orElse("-"), capacity,
                    s.map(x -> (Object) x.getRunning()).orElse("-"), yesNo(s.map(WorkerState::getConnected)),
                    yesNo(s.map(WorkerState::getCordoned)), yesNo(s.map(WorkerState::getDraining)),
                    w.info().map(i -> i.getHandlersList().isEmpty() ? "-" : String.join(",", i.getHandlersList().stream().sorted().toList()))
                            .orElse("-"));
        }
        return table.render();
    }

    /** Workers by id: the union of registered workers and the leader's worker states. */
    public static List<WorkerRow> workerRows(ClusterView view) {
        Map<String, WorkerInfo> infos = new LinkedHashMap<>();
        view.getWorkersList().forEach(w -> infos.put(w.getWorkerId(), w));
        Map<String, WorkerState> states = new LinkedHashMap<>();
        view.getWorkerStatesList().forEach(w -> states.put(w.getWorkerId(), w));
        Map<String, WorkerRow> rows = new TreeMap<>();
        for (String id : infos.keySet()) rows.put(id, new WorkerRow(id, Optional.of(infos.get(id)), Optional.ofNullable(states.get(id))));
        for (String id : states.keySet()) rows.putIfAbsent(id, new WorkerRow(id, Optional.empty(), Optional.of(states.get(id))));
        return List.copyOf(rows.values());
    }

    private static String yesNo(Optional<Boolean> value) {
        return value.map(v -> v ? "yes" : "no").orElse("-");
    }
}
