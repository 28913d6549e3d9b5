package io.baton.testing.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Where the servers of a ZooKeeper ensemble listen: per server (ids 1..n, in order) a host, a client port,
 * a quorum port (followers to the leader) and an election port. Rendered as the ensemble string that
 * {@link io.baton.testing.ZooKeeperMain} takes ({@code 127.0.0.1:c1:q1:e1,127.0.0.1:c2:q2:e2,...}) and as
 * the clients' connect string ({@code 127.0.0.1:c1,127.0.0.1:c2,...}). Pure: ports come from a given
 * source, so allocation is unit-tested; {@link #loopbackFreePort()} is the real source. Built by
 * {@link io.baton.testing.ZooKeeperEnsembleProcesses}, parsed back by each peer.
 */
public record EnsembleLayout(List<Member> members) {
    public static final String LOOPBACK = "127.0.0.1";
    /** Give up when the port source keeps repeating itself, rather than loop for ever. */
    private static final int MAX_DRAWS_PER_PORT = 20;

    /** One server of the ensemble. */
    public record Member(int serverId, String host, int clientPort, int quorumPort, int electionPort) {
        public Member {
            if (serverId < 1 || serverId > 255) throw new IllegalArgumentException("server id out of 1..255: " + serverId);
            if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
            for (int port : new int[] {clientPort, quorumPort, electionPort}) {
                if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        String entry() {
            return host + ":" + clientPort + ":" + quorumPort + ":" + electionPort;
        }

        public String clientAddress() {
            return host + ":" + clientPort;
        }
    }

    public EnsembleLayout {
        members = List.copyOf(members);
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one server");
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).serverId() != i + 1) throw new IllegalArgumentException("server ids must be 1.." + members.size());
        }
        Set<String> seen = new HashSet<>();
        for (Member m : members) {
            for (int port : new int[] {m.clientPort(), m.quorumPort(), m.electionPort()}) {
                if (!seen.add(m.host() + ":" + port)) throw new IllegalArgumentException("port used twice: " + m.host() + ":" + port);
            }
        }
    }

    /**
     * {@code size} loopback servers with {@code 3 × size} distinct ports drawn from {@code freePorts};
     * a port the source repeats is drawn again.
     */
    public static EnsembleLayout allocate(int size, IntSupplier freePorts) {
        if (size < 1) throw new IllegalArgumentException("an ensemble needs at least one server: " + size);
        Set<Integer> taken = new HashSet<>();
        List<Member> members = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            members.add(new Member(id, LOOPBACK, draw(freePorts, taken), draw(freePorts, taken), draw(freePorts, taken)));
        }
        return new EnsembleLayout(members);
    }

    private static int draw(IntSupplier freePorts, Set<Integer> taken) {
        for (int i = 0; i < MAX_DRAWS_PER_PORT; i++) {
            int port = freePorts.getAsInt();
            if (taken.add(port)) return port;
        }
        throw new IllegalStateException("no new free port after " + MAX_DRAWS_PER_PORT + " draws (have " + taken + ")");
    }

    /** Reads {@code host:client:quorum:election,...}; the i-th entry is server i+1. */
    public static EnsembleLayout parse(String ensemble) {
        List<Member> members = new ArrayList<>();
        for (String entry : ensemble.split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts.length != 4) {
                throw new IllegalArgumentException("ensemble entry must be host:client:quorum:election: '" + entry + "'");
            }
            try {
                members.add(new Member(members.size() + 1, parts[0], Integer.parseInt(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in ensemble entry '" + entry + "'", e);
            }
        }
        return new EnsembleLayout(members);
    }

    /** A port nobody listens on right now: bind port 0 on 127.0.0.1, read it, close. */
    public static int loopbackFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + LOOPBACK, e);
        }
    }

    public int size() {
        return members.size();
    }

    public Member member(int serverId) {
        if (serverId < 1 || serverId > members.size()) {
            throw new IllegalArgumentException("no server " + serverId + " in an ensemble of " + members.size());
        }
        return members.get(serverId - 1);
    }

    /** The form {@link #parse(String)} reads. */
    public String ensembleString() {
        return members.stream().map(Member::entry).collect(Collectors.joining(","));
    }

    /** What ZooKeeper clients (and Baton's {@code --zk}) take. */
    public String connectString() {
        return members.stream().map(Member::clientAddress).collect(Collectors.joining(","));
    }
}
