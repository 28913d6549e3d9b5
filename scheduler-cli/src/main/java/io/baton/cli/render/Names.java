package io.baton.cli.render;

/**
 * Protobuf enum values as tables show them: without the prefix their proto type gives them
 * ({@code RUN_STATE_FAILED} -> {@code FAILED}, {@code MISFIRE_POLICY_SKIP} -> {@code SKIP}).
 */
public final class Names {
    private Names() {}

    public static String of(Enum<?> value) {
        String prefix = value.getDeclaringClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + "_";
        String name = value.name();
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
