package io.baton.server.coordinator;

import io.baton.proto.v1.ErrorCode;

/**
 * A client request the leader refuses for a reason the client can act on (unknown job, stale version, a job
 * with active runs, a finished run): carries the error code and message the client sees. Nothing was changed.
 */
public final class RequestRejected extends RuntimeException {
    private final ErrorCode code;

    public RequestRejected(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
