package io.baton.cli.spec;

/** A job spec file is unreadable or not a valid JobSpec; the message names the file, the field and the reason. */
public final class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }
}
