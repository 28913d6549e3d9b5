package io.baton.common.zk;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ephemeral node that announces a process (a worker, a scheduler node) for as long as it lives. A
 * Curator {@link PersistentNode} creates it again after a session expiry, so a process never needs a
 * restart to rejoin. LATENT → STARTED → CLOSED; {@link #close()} removes the node and is idempotent.
 */
public final class EphemeralRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EphemeralRegistration.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final String path;
    private final PersistentNode node;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    public EphemeralRegistration(CuratorFramework client, String path, byte[] data) {
        this.path = path;
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, data);
    }

    /** Starts registering in the background; see {@link #awaitRegistered}. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("registration of " + path + " already started or closed");
        }
        node.start();
    }

    /** Waits for the first creation of the node; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        if (lifecycle.get() != Lifecycle.STARTED) throw new IllegalStateException("registration of " + path + " is not started");
        return node.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Publishes new content under the same path. */
    public void setData(byte[] data) throws Exception {
        node.setData(data);
    }

    /** Removes the node so others see this process leave at once. Idempotent. */
    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) != Lifecycle.STARTED) return;
        try {
            node.close();
        } catch (IOException e) {
            log.warn("could not remove {}: {}", path, e.toString());
        }
    }
}
