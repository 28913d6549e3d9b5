package io.baton.bench.macro;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * JMX view of another JVM of this machine (a cluster process), reached through the attach API: the
 * target starts its local management agent on request, so the cluster JVMs need no JMX option or port.
 * Reads the heap after a full collection, process and thread CPU time, and ZooKeeper's own data-tree
 * bean (node and watch counts: the harness's ZooKeeper answers no four-letter word but {@code srvr}).
 * A connection costs the target a few threads and little else; open it for a measurement, then close it.
 */
final class JvmProbe implements AutoCloseable {
    private static final String ZK_DATA_TREE = "org.apache.ZooKeeperService:name0=*,name1=InMemoryDataTree";

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private JvmProbe(long pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to the JVM with process id {@code pid} (same user) and opens a JMX connection to it. */
    static JvmProbe attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new JvmProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open JMX to process " + pid, e);
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IllegalStateException("cannot attach to process " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Bytes of heap in use after {@code rounds} full collections ({@code System.gc()}, a full collection
     * with the parallel and serial collectors): what the JVM holds live, garbage excluded.
     */
    long heapUsedAfterFullGc(int rounds) {
        MemoryMXBean memory = proxy(ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        for (int i = 0; i < rounds; i++) memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The JVM's class histogram ({@code jcmd GC.class_histogram}: instances and bytes per class; forces a full GC). */
    String classHistogram() {
        try {
            return (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (IOException e) {
            throw new UncheckedIOException("JMX to process " + pid + " failed", e);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot read the class histogram of process " + pid + ": " + e, e);
        }
    }

    /** CPU time (user + system) the whole JVM has used so far, in nanoseconds. */
    long processCpuNanos() {
        return proxy(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** CPU time used so far by the live threads whose name starts with {@code prefix}, in nanoseconds (0 if none). */
    long threadCpuNanos(String prefix) {
        ThreadMXBean threads = proxy(ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !info.getThreadName().startsWith(prefix)) continue;
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) sum += cpu;
        }
        return sum;
    }

    /** ZooKeeper's data tree as the server in this JVM counts it. */
    record DataTree(long nodes, long watches) {}

    /** The data tree of the ZooKeeper server running in this JVM; fails if there is none. */
    DataTree zooKeeperDataTree() {
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName(ZK_DATA_TREE), null);
            if (names.size() != 1) throw new IllegalStateException("process " + pid + " has " + names.size() + " ZooKeeper data trees: " + names);
            ObjectName tree = names.iterator().next();
            return new DataTree(((Number) server.getAttribute(tree, "NodeCount")).longValue(),
                    ((Number) server.getAttribute(tree, "WatchCount")).longValue());
        } catch (IOException e) {
            throw new UncheckedIOException("JMX to process " + pid + " failed", e);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot read ZooKeeper's data tree in process " + pid + ": " + e, e);
        }
    }

    private <T> T proxy(String name, Class<T> type) {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(server, name, type);
        } catch (IOException e) {
            throw new UncheckedIOException("JMX to process " + pid + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the target may be gone already (killed during the measurement): nothing left to release
        }
    }
}
