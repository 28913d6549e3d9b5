package io.baton.bench.peer.elasticjob;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * A one-line command channel on loopback between the harness and a peer JVM: the harness sends
 * {@code trigger}, the peer triggers every one-off job (ElasticJob's {@code OneOffJobBootstrap.execute()},
 * which marks every instance of the job to run now) and answers {@code TRIGGERED <jobs>}. Anything else is
 * answered {@code ERROR ...}. The server side ({@link #serve}) runs on one daemon thread in the peer; the
 * client side ({@link #send}) is used by the harness.
 */
final class PeerControl implements AutoCloseable {
    static final String TRIGGER = "trigger";

    private final ServerSocket server;
    private final Thread acceptor;

    private PeerControl(ServerSocket server, IntSupplier trigger) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(trigger), "peer-control");
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1 on a free port; {@code trigger} runs per {@code trigger} command and returns the jobs it triggered. */
    static PeerControl serve(IntSupplier trigger) {
        try {
            PeerControl control = new PeerControl(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), trigger);
            control.acceptor.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the control port", e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(IntSupplier trigger) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String command = in.readLine();
                out.println(answer(command, trigger));
            } catch (IOException e) {
                if (!server.isClosed()) System.err.println("peer-control: " + e);
            }
        }
    }

    private static String answer(String command, IntSupplier trigger) {
        if (!TRIGGER.equals(command)) return "ERROR unknown command: " + command;
        try {
            return "TRIGGERED " + trigger.getAsInt();
        } catch (RuntimeException e) {
            return "ERROR " + e.toString().replace('\n', ' ');
        }
    }

    /** Sends one command to a peer's control port and returns its answer line. */
    static String send(int port, String command, Duration timeout) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println(command);
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (answer == null) throw new IllegalStateException("peer on port " + port + " closed the control connection without answering " + command);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("control command '" + command + "' to port " + port + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
