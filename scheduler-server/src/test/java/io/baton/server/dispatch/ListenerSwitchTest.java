package io.baton.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Layer 1: no sockets, no threads. */
class ListenerSwitchTest {
    private final Recording first = new Recording("first");
    private final Recording second = new Recording("second");
    private final ListenerSwitch listener = new ListenerSwitch(first);

    @Test
    void theConnectionOpenAtTheSwitchIsHandedOverOnceAndLaterCallbacksGoToTheNewListener() {
        FakeConnection c = new FakeConnection();
        listener.onConnected(c);
        listener.onMessage(c, Envelope.getDefaultInstance());

        assertThat(listener.switchTo(second)).containsSame(c);
        listener.onMessage(c, Envelope.getDefaultInstance());
        listener.onDisconnected(c, "gone");

        assertThat(first.events).containsExactly("first connected", "first message");
        // no onConnected for c: switchTo returned it instead
        assertThat(second.events).containsExactly("second message", "second disconnected: gone");
    }

    @Test
    void withNoConnectionOpenTheNewListenerHearsOfTheNextOne() {
        FakeConnection c = new FakeConnection();
        assertThat(listener.switchTo(second)).isEmpty();

        listener.onConnected(c);

        assertThat(first.events).isEmpty();
        assertThat(second.events).containsExactly("second connected");
    }

    @Test
    void aClosedConnectionIsNotHandedOver() {
        FakeConnection c = new FakeConnection();
        listener.onConnected(c);
        listener.onDisconnected(c, "peer closed");
        assertThat(listener.switchTo(second)).isEmpty();

        FakeConnection closing = new FakeConnection();
        listener.onConnected(closing);
        closing.active = false; // closed, its onDisconnected not delivered yet
        assertThat(listener.switchTo(first)).isEmpty();
    }

    @Test
    void aLateDisconnectOfAnEarlierConnectionDoesNotHideTheOpenOne() {
        FakeConnection old = new FakeConnection();
        FakeConnection current = new FakeConnection();
        listener.onConnected(old);
        listener.onConnected(current);
        listener.onDisconnected(old, "replaced");

        assertThat(listener.switchTo(second)).containsSame(current);
    }

    private static final class Recording implements MessageListener {
        final String name;
        final List<String> events = new ArrayList<>();

        Recording(String name) { this.name = name; }

        @Override public void onConnected(RpcConnection connection) { events.add(name + " connected"); }

        @Override public void onMessage(RpcConnection connection, Envelope envelope) { events.add(name + " message"); }

        @Override public void onDisconnected(RpcConnection connection, String reason) { events.add(name + " disconnected: " + reason); }
    }

    private static final class FakeConnection implements RpcConnection {
        boolean active = true;

        @Override public String remoteAddress() { return "127.0.0.1:1"; }

        @Override public void send(Envelope envelope) { }

        @Override public CompletableFuture<Envelope> request(Envelope envelope, Duration timeout) { return new CompletableFuture<>(); }

        @Override public void reply(Envelope request, Envelope response) { }

        @Override public boolean isActive() { return active; }

        @Override public void close(String reason) { active = false; }
    }
}
