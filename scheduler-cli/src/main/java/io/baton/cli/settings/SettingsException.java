package io.baton.cli.settings;

/** The connection settings (flags, environment, config file) are missing or wrong; the message says which. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
