package io.baton.worker.api;

import java.util.Objects;

/**
 * The outcome a {@link ShardHandler} returns: success with an output, or failure with an error message.
 * Messages longer than {@value #MAX_MESSAGE_CHARS} characters are truncated to that length, because they
 * travel in every report and are stored with the run.
 *
 * <pre>{@code
 * return rows > 0 ? ShardResult.succeeded("copied " + rows + " rows") : ShardResult.failed("source empty");
 * }</pre>
 */
public final class ShardResult {
    /** Longest output or error message kept; longer ones are cut to this many characters. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    private final boolean success;
    private final String message;

    private ShardResult(boolean success, String message) {
        this.success = success;
        this.message = truncate(message);
    }

    /** The shard succeeded; {@code output} (may be null or empty) is reported with it. */
    public static ShardResult succeeded(String output) {
        return new ShardResult(true, output);
    }

    /** The shard failed; {@code error} says why. */
    public static ShardResult failed(String error) {
        return new ShardResult(false, error);
    }

    public boolean isSuccess() {
        return success;
    }

    /** The output on success, the error on failure; never null, at most {@value #MAX_MESSAGE_CHARS} chars. */
    public String message() {
        return message;
    }

    /** Cuts {@code text} to {@value #MAX_MESSAGE_CHARS} characters; null becomes empty. */
    public static String truncate(String text) {
        if (text == null) return "";
        if (text.length() <= MAX_MESSAGE_CHARS) return text;
        // Never split a surrogate pair: the protobuf string would carry a broken character.
        int end = Character.isHighSurrogate(text.charAt(MAX_MESSAGE_CHARS - 1)) ? MAX_MESSAGE_CHARS - 1 : MAX_MESSAGE_CHARS;
        return text.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardResult other && success == other.success && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(success, message);
    }

    @Override
    public String toString() {
        return (success ? "succeeded: " : "failed: ") + message;
    }
}
