package io.baton.server.store;

/** Creating a job failed because a job of that name is already stored; nothing was written. */
public final class JobAlreadyExistsException extends RuntimeException {
    public JobAlreadyExistsException(String jobName) {
        super("job '" + jobName + "' already exists");
    }
}
