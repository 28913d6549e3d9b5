package io.baton.worker;

import io.baton.common.rpc.RpcConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Settings of one {@link WorkerNode}. Nulls take defaults: a random short id, 127.0.0.1, port 0 (any free
 * port), capacity 4, {@link RpcConfig#defaults()}, no journal. The host is both bound and advertised to
 * leaders, so it must be an address they can reach.
 *
 * @param journal file to append one line per handler execution to (see
 *                {@link io.baton.worker.execution.ExecutionJournal}); empty for none
 */
public record WorkerConfig(String workerId, String host, int port, int capacity, RpcConfig rpc, Optional<Path> journal) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_CAPACITY = 4;

    public WorkerConfig {
        if (workerId == null || workerId.isBlank()) workerId = randomId();
        if (!workerId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("worker id may only contain letters, digits, '.', '_' and '-': " + workerId);
        }
        if (host == null || host.isBlank()) host = DEFAULT_HOST;
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0..65535: " + port);
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        if (rpc == null) rpc = RpcConfig.defaults();
        if (journal == null) journal = Optional.empty();
    }

    public static WorkerConfig defaults() {
        return new WorkerConfig(null, DEFAULT_HOST, 0, DEFAULT_CAPACITY, null, Optional.empty());
    }

    public WorkerConfig withWorkerId(String id) { return new WorkerConfig(id, host, port, capacity, rpc, journal); }
    public WorkerConfig withHost(String h) { return new WorkerConfig(workerId, h, port, capacity, rpc, journal); }
    public WorkerConfig withPort(int p) { return new WorkerConfig(workerId, host, p, capacity, rpc, journal); }
    public WorkerConfig withCapacity(int c) { return new WorkerConfig(workerId, host, port, c, rpc, journal); }
    public WorkerConfig withRpc(RpcConfig r) { return new WorkerConfig(workerId, host, port, capacity, r, journal); }
    public WorkerConfig withJournal(Path file) { return new WorkerConfig(workerId, host, port, capacity, rpc, Optional.of(file)); }

    /** "w-" and 8 hex digits: short enough to read in logs, random enough for a cluster. */
    static String randomId() {
        return "w-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
