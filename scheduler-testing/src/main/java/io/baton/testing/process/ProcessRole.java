package io.baton.testing.process;

/** What a process started by the harness is; its READY line starts with {@link #readyWord()}. */
public enum ProcessRole {
    ZOOKEEPER("io.baton.testing.ZooKeeperMain"),
    SCHEDULER("io.baton.server.SchedulerMain"),
    WORKER("io.baton.worker.WorkerMain"),
    /** A process of another scheduler run beside Baton for comparison (benchmarks); its launcher names the main class. */
    PEER(null);

    private final String mainClass;

    ProcessRole(String mainClass) {
        this.mainClass = mainClass;
    }

    public String mainClass() {
        if (mainClass == null) throw new IllegalStateException(this + " has no fixed main class; its launcher names one");
        return mainClass;
    }

    public String readyWord() {
        return name();
    }
}
