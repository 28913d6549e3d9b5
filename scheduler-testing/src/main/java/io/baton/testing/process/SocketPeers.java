package io.baton.testing.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The remote TCP ports a process has established connections to, read from Linux {@code /proc}: its file
 * descriptors name socket inodes, and {@code /proc/<pid>/net/tcp} and {@code tcp6} map inodes to
 * addresses. The chaos suite uses it to find the ZooKeeper server a scheduler is connected to, so it can
 * take exactly that server away. Empty when the process is gone or {@code /proc} is unreadable.
 */
public final class SocketPeers {
    private static final String ESTABLISHED = "01";

    private SocketPeers() {}

    public static Set<Integer> remotePorts(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            Set<Long> inodes = socketInodes(proc.resolve("fd"));
            Set<Integer> ports = new TreeSet<>();
            for (String table : List.of("tcp", "tcp6")) {
                Path file = proc.resolve("net").resolve(table);
                if (Files.exists(file)) ports.addAll(remotePorts(Files.readAllLines(file), inodes));
            }
            return ports;
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
    }

    private static Set<Long> socketInodes(Path fdDir) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                }
            }
        }
        return inodes;
    }

    /** Remote ports of the established connections in a {@code /proc/net/tcp(6)} table whose inode is in {@code inodes}. */
    static Set<Integer> remotePorts(List<String> tableLines, Set<Long> inodes) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : tableLines.subList(Math.min(1, tableLines.size()), tableLines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[3].equals(ESTABLISHED)) continue;
            if (!inodes.contains(Long.parseLong(f[9]))) continue;
            String remote = f[2];
            ports.add(Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16));
        }
        return ports;
    }
}
