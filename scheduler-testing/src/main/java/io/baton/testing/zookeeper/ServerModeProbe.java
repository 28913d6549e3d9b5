package io.baton.testing.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks one ZooKeeper server what it is right now, with the {@code srvr} four-letter word on its client
 * port. ZooKeeper answers {@code srvr} whatever {@code zookeeper.4lw.commands.whitelist} says (its own
 * {@code zkServer.sh status} needs it), so this works on the harness's servers, which allow no other
 * four-letter word. A peer without a quorum answers that it is not serving; a dead or frozen one does
 * not answer within the timeout. Used by {@link io.baton.testing.ZooKeeperEnsembleProcesses} to find the
 * ensemble's leader.
 */
public final class ServerModeProbe {
    /** What a server says it is. */
    public enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, NOT_SERVING }

    private static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";

    private ServerModeProbe() {}

    /** The server's mode, or empty when it does not answer within {@code timeout} (dead, frozen, not yet up). */
    public static Optional<Mode> ask(String host, int clientPort, Duration timeout) {
        return srvr(host, clientPort, timeout).flatMap(ServerModeProbe::parse);
    }

    /**
     * The server's last transaction id ({@code Zxid:} of {@code srvr}): within one ZooKeeper epoch its low 32
     * bits count the write transactions, so two readings give the writes in between. Empty when the server
     * does not answer or is not serving.
     */
    public static Optional<Long> zxid(String host, int clientPort, Duration timeout) {
        return srvr(host, clientPort, timeout).flatMap(ServerModeProbe::parseZxid);
    }

    private static Optional<String> srvr(String host, int clientPort, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, clientPort), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Optional.of(readAll(socket.getInputStream()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code Zxid: 0x...} line of a {@code srvr} answer. */
    static Optional<Long> parseZxid(String answer) {
        for (String line : answer.split("\n")) {
            if (line.startsWith("Zxid: 0x")) {
                try {
                    return Optional.of(Long.parseUnsignedLong(line.substring("Zxid: 0x".length()).strip(), 16));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes after answering
    }

    /** The mode in a {@code srvr} answer ({@code Mode: follower} line, or the not-serving sentence). */
    static Optional<Mode> parse(String answer) {
        if (answer.contains(NOT_SERVING)) return Optional.of(Mode.NOT_SERVING);
        for (String line : answer.split("\n")) {
            if (line.startsWith("Mode: ")) {
                String mode = line.substring("Mode: ".length()).strip();
                return switch (mode) {
                    case "leader" -> Optional.of(Mode.LEADER);
                    case "follower" -> Optional.of(Mode.FOLLOWER);
                    case "observer" -> Optional.of(Mode.OBSERVER);
                    case "standalone" -> Optional.of(Mode.STANDALONE);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }
}
