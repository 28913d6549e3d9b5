package io.baton.worker;

import io.baton.common.zk.ZkClients.ZkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link WorkerMain}, parsed: {@code --name value} or {@code --name=value} pairs.
 * Bad input throws {@link IllegalArgumentException} with a one-line message for the user.
 */
record WorkerArguments(ZkSettings zk, WorkerConfig worker, boolean help) {

    static final String USAGE = "usage: WorkerMain --zk HOST:PORT[,HOST:PORT...] [--namespace baton] [--worker-id ID]"
            + " [--host 127.0.0.1] [--port 0] [--capacity 4] [--session-timeout-ms 3000] [--journal FILE]";

    private static final Set<String> OPTIONS = Set.of(
            "zk", "namespace", "worker-id", "host", "port", "capacity", "session-timeout-ms", "journal");

    static WorkerArguments parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) return new WorkerArguments(null, null, true);
        Map<String, String> values = options(args);
        String zk = values.get("zk");
        if (zk == null || zk.isBlank()) throw new IllegalArgumentException("missing required option --zk");
        Duration session = Duration.ofMillis(number(values, "session-timeout-ms", 3000, 1));
        ZkSettings settings = new ZkSettings(zk, values.get("namespace"), session, null);
        WorkerConfig config = WorkerConfig.defaults()
                .withHost(values.getOrDefault("host", WorkerConfig.DEFAULT_HOST))
                .withPort((int) number(values, "port", 0, 0))
                .withCapacity((int) number(values, "capacity", WorkerConfig.DEFAULT_CAPACITY, 1));
        if (values.containsKey("worker-id")) config = config.withWorkerId(values.get("worker-id"));
        if (values.containsKey("journal")) config = config.withJournal(Path.of(values.get("journal")));
        return new WorkerArguments(settings, config, false);
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException("missing value for --" + name);
                }
                value = args.get(++i);
            }
            if (!OPTIONS.contains(name)) throw new IllegalArgumentException("unknown option --" + name);
            if (values.put(name, value) != null) throw new IllegalArgumentException("option --" + name + " given twice");
        }
        return values;
    }

    private static long number(Map<String, String> values, String name, long fallback, long min) {
        String text = values.get(name);
        if (text == null) return fallback;
        try {
            long n = Long.parseLong(text.trim());
            if (n >= min && n <= Integer.MAX_VALUE) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number >= " + min + ", got '" + text + "'");
    }
}
