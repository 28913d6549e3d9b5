package io.baton.testing.process;

/** What a process started by the harness is; its READY line starts with {@link #readyWord()}. */
public enum ProcessRole {
    ZOOKEEPER("io.baton.testing.ZooKeeperMain"),
    SCHEDULER("io.baton.server.SchedulerMain"),
    WORKER("io.baton.worker.WorkerMain");

    private final String mainClass;

    ProcessRole(String mainClass) {
        this.mainClass = mainClass;
    }

    public String mainClass() {
        return mainClass;
    }

    public String readyWord() {
        return name();
    }
}
