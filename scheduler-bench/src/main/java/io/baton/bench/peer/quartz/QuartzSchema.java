package io.baton.bench.peer.quartz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that creates Quartz's tables for the peer's H2 database, taken from the scripts the Quartz jar
 * ships: every statement of {@code tables_h2.sql}, plus the {@code CREATE INDEX} statements of
 * {@code tables_postgres.sql}, because the H2 script declares no index at all and a production Quartz
 * database would have them (acquisition queries filter on next fire time and state). The splitting and
 * selection are pure; {@link #fromQuartzJar()} reads the scripts.
 */
final class QuartzSchema {
    static final String H2_SCRIPT = "org/quartz/impl/jdbcjobstore/tables_h2.sql";
    static final String POSTGRES_SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private QuartzSchema() {}

    /** The statements to run on a fresh database, in order. */
    static List<String> fromQuartzJar() {
        return statements(resource(H2_SCRIPT), resource(POSTGRES_SCRIPT));
    }

    /** The H2 script's statements (without its transaction control) followed by the other script's indexes. */
    static List<String> statements(String h2Script, String indexScript) {
        List<String> out = new ArrayList<>();
        for (String s : split(h2Script)) {
            if (!isTransactionControl(s)) out.add(s);
        }
        for (String s : split(indexScript)) {
            if (s.toUpperCase(Locale.ROOT).startsWith("CREATE INDEX")) out.add(s);
        }
        if (out.stream().noneMatch(s -> s.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE"))) {
            throw new IllegalArgumentException("the Quartz H2 script creates no table");
        }
        return out;
    }

    /**
     * The statements of a script: {@code --} comments removed, split at semicolons, blank ones dropped.
     * Quartz's scripts hold no semicolon or {@code --} inside a literal, so no quoting is understood.
     */
    static List<String> split(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            int comment = line.indexOf("--");
            code.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : code.toString().split(";")) {
            String statement = part.strip().replaceAll("\\s+", " ");
            if (!statement.isEmpty()) out.add(statement);
        }
        return out;
    }

    private static boolean isTransactionControl(String statement) {
        String s = statement.toUpperCase(Locale.ROOT);
        return s.equals("COMMIT") || s.startsWith("BEGIN") || s.startsWith("START TRANSACTION");
    }

    private static String resource(String name) {
        try (InputStream in = QuartzSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the Quartz jar on the class path has no " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
