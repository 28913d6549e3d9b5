package io.baton.client;

import io.baton.proto.v1.ErrorCode;

/**
 * A request failed. {@link #code()} says why: the caller can branch on it without parsing messages.
 * No Netty or ZooKeeper exception reaches SDK users; they are wrapped into {@link Code#UNAVAILABLE}.
 *
 * <pre>{@code
 * try {
 *     client.update(spec, job.getVersion());
 * } catch (BatonException e) {
 *     if (e.code() != BatonException.Code.CONFLICT) throw e;
 *     // someone else changed the job since we read it: read it again and decide
 * }
 * }</pre>
 */
public class BatonException extends RuntimeException {
    /** Why a request failed. */
    public enum Code {
        /** The request itself is wrong (the message names the fields); sending it again will not help. */
        INVALID,
        /** The job or run named does not exist. */
        NOT_FOUND,
        /** A job with that name exists already. */
        ALREADY_EXISTS,
        /**
         * The request conflicts with the current state: the job's version is no longer the expected one,
         * the job to delete has active runs, or the run to cancel has finished. Nothing was changed.
         */
        CONFLICT,
        /** No leader answered in time (failover, network, cluster down); the request may be sent again. */
        UNAVAILABLE,
        /** An unexpected error on the scheduler. */
        INTERNAL
    }

    private final Code code;

    public BatonException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public BatonException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    /** The SDK code of a wire error code (not {@code ERROR_CODE_OK}). */
    static Code of(ErrorCode code) {
        return switch (code) {
            case ERROR_CODE_INVALID -> Code.INVALID;
            case ERROR_CODE_NOT_FOUND -> Code.NOT_FOUND;
            case ERROR_CODE_ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case ERROR_CODE_CONFLICT -> Code.CONFLICT;
            case ERROR_CODE_UNAVAILABLE, ERROR_CODE_NOT_LEADER -> Code.UNAVAILABLE;
            default -> Code.INTERNAL;
        };
    }
}
