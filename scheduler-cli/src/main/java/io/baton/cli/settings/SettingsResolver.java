package io.baton.cli.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the connection settings. Pure: flags, environment and config file are passed in.
 *
 * <p>Precedence, highest first: command-line flags, environment variables, the config file, defaults. The
 * cluster location ({@code zk} and {@code addresses}) is taken as a unit from the first of these sources
 * that gives either, so a ZooKeeper string from one source never mixes with addresses from another.
 * {@code namespace} (default {@code baton}) and {@code timeout} (default 20 s) are resolved key by key.
 */
public final class SettingsResolver {
    public static final String ENV_ZK = "BATON_ZK";
    public static final String ENV_ADDRESSES = "BATON_ADDRESSES";
    public static final String ENV_NAMESPACE = "BATON_NAMESPACE";
    public static final String ENV_TIMEOUT = "BATON_TIMEOUT";
    public static final String ENV_CONFIG = "BATON_CONFIG";

    private SettingsResolver() {}

    /** What was given on the command line (empty when a flag was not used). */
    public record Flags(Optional<String> zk, List<String> addresses, Optional<String> namespace, Optional<Duration> timeout) {
        public Flags {
            addresses = List.copyOf(addresses);
        }

        public static Flags none() {
            return new Flags(Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
    }

    public static ConnectionSettings resolve(Flags flags, Map<String, String> env, ConfigFile file) {
        Optional<String> envZk = nonBlank(env.get(ENV_ZK));
        List<String> envAddresses = splitAddresses(env.getOrDefault(ENV_ADDRESSES, ""));
        Optional<String> zk;
        List<String> addresses;
        String source;
        if (flags.zk().isPresent() || !flags.addresses().isEmpty()) {
            zk = flags.zk();
            addresses = flags.addresses();
            source = "--zk/--addresses";
        } else if (envZk.isPresent() || !envAddresses.isEmpty()) {
            zk = envZk;
            addresses = envAddresses;
            source = ENV_ZK + "/" + ENV_ADDRESSES;
        } else if (file.zk().isPresent() || !file.addresses().isEmpty()) {
            zk = file.zk();
            addresses = file.addresses();
            source = "config file " + file.path();
        } else {
            throw new SettingsException("no cluster given: use --zk HOST:PORT[,...] or --addresses HOST:PORT[,...], set "
                    + ENV_ZK + " or " + ENV_ADDRESSES + ", or write zk/addresses in " + file.path());
        }
        for (String a : addresses) {
            if (!a.matches("[^:\\s]+:\\d{1,5}")) throw new SettingsException("scheduler address must be host:port, was '" + a + "' (from " + source + ")");
        }
        String namespace = flags.namespace().or(() -> nonBlank(env.get(ENV_NAMESPACE))).or(file::namespace)
                .orElse(ConnectionSettings.DEFAULT_NAMESPACE);
        Duration timeout = flags.timeout()
                .or(() -> nonBlank(env.get(ENV_TIMEOUT)).map(t -> duration(t, ENV_TIMEOUT)))
                .or(() -> file.timeout().map(t -> duration(t, "timeout in " + file.path())))
                .orElse(ConnectionSettings.DEFAULT_REQUEST_TIMEOUT);
        return new ConnectionSettings(zk, addresses, namespace, timeout, source);
    }

    /** {@code "a:1, b:2"} -> {@code [a:1, b:2]}; blanks dropped. */
    public static List<String> splitAddresses(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration duration(String text, String where) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(where + ": " + e.getMessage());
        }
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).map(String::trim).filter(x -> !x.isEmpty());
    }
}
