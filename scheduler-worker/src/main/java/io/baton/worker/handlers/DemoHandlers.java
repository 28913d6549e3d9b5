package io.baton.worker.handlers;

import io.baton.worker.api.ShardHandler;
import java.util.Map;

/** The built-in handlers every worker started from the command line offers, keyed by their names. */
public final class DemoHandlers {
    private DemoHandlers() {}

    /** {@code demo.sleep}, {@code demo.fail} and {@code demo.echo}; a fresh map each call. */
    public static Map<String, ShardHandler> all() {
        return Map.of(
                SleepHandler.NAME, new SleepHandler(),
                FailHandler.NAME, new FailHandler(),
                EchoHandler.NAME, new EchoHandler());
    }
}
