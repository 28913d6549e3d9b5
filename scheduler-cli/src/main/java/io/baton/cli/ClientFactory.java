package io.baton.cli;

import io.baton.cli.settings.ConnectionSettings;
import io.baton.client.BatonClient;

/**
 * Opens the {@link BatonClient} a command uses. The default connects as the settings say; tests inject one
 * that points at their cluster.
 */
@FunctionalInterface
public interface ClientFactory {
    BatonClient open(ConnectionSettings settings);

    static ClientFactory standard() {
        return settings -> BatonClient.connect(settings.toClientConfig());
    }
}
