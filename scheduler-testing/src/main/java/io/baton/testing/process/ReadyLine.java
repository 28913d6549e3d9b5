package io.baton.testing.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line a Baton process prints on stdout once it serves, e.g.
 * {@code SCHEDULER READY id=s1 address=127.0.0.1:40123} or {@code ZOOKEEPER READY port=2181}:
 * a role word, the word {@code READY}, then {@code key=value} fields. Parsed by {@link ManagedProcess}.
 */
public record ReadyLine(String role, Map<String, String> fields) {
    public ReadyLine {
        fields = Map.copyOf(fields);
    }

    /** The ready line in {@code line}, or empty when {@code line} is anything else (a log line, say). */
    public static Optional<ReadyLine> parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2 || !words[1].equals("READY") || !words[0].matches("[A-Z]+")) return Optional.empty();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) return Optional.empty();
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return Optional.of(new ReadyLine(words[0], fields));
    }

    /** The value of {@code key}; throws when the process did not print it. */
    public String field(String key) {
        String value = fields.get(key);
        if (value == null) throw new IllegalStateException(role + " READY line has no field '" + key + "': " + fields);
        return value;
    }
}
