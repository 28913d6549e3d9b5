package io.baton.common.zk;

import java.net.InetSocketAddress;
import java.util.Collection;
import org.apache.zookeeper.client.HostProvider;

/**
 * ZooKeeper's list of servers with a shorter pause after trying every one of them in turn.
 *
 * <p>The ZooKeeper client asks its host provider for the next server with a "spin delay" of 1 s, which
 * the provider sleeps once it has tried every server since the last success, on top of the client's own
 * random 0-1 s pause before each attempt. When the ZooKeeper leader dies, the other servers refuse
 * clients until they have elected a new one (a second or so); a client that tried all three in that
 * window then idles a full extra second, and with Baton's short sessions (2-3 s) Curator gives the
 * session up although the servers keep it: the worker's registration or the leader's term is lost over
 * one lost server. This provider caps that pause at {@link #MAX_SPIN_MILLIS}; the random pause per attempt
 * still spreads reconnecting clients. Everything else is {@code StaticHostProvider}'s.
 */
final class ShortSpinHostProvider implements HostProvider {
    static final long MAX_SPIN_MILLIS = 100;

    private final HostProvider delegate;

    ShortSpinHostProvider(HostProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public InetSocketAddress next(long spinDelay) {
        return delegate.next(Math.min(spinDelay, MAX_SPIN_MILLIS));
    }

    @Override
    public void onConnected() {
        delegate.onConnected();
    }

    @Override
    public boolean updateServerList(Collection<InetSocketAddress> serverAddresses, InetSocketAddress currentHost) {
        return delegate.updateServerList(serverAddresses, currentHost);
    }
}
