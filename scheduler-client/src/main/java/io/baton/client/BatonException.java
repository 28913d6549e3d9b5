package io.baton.client;

/**
 * A request failed. {@link #code()} says why: the caller can branch on it without parsing messages.
 * No Netty or ZooKeeper exception reaches SDK users; they are wrapped into {@link Code#UNAVAILABLE}.
 */
public class BatonException extends RuntimeException {
    public enum Code { INVALID, NOT_FOUND, ALREADY_EXISTS, UNAVAILABLE, INTERNAL }

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
}
