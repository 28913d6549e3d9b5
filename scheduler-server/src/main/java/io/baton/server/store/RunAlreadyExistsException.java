package io.baton.server.store;

/**
 * Creating runs failed because a run with this id is already stored (with different content), so nothing
 * of that create was written. Run ids derive from (job, fire time): this is how a new leader never creates
 * the same fire twice.
 */
public final class RunAlreadyExistsException extends RuntimeException {
    private final String runId;

    public RunAlreadyExistsException(String runId) {
        super("run " + runId + " already exists");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
