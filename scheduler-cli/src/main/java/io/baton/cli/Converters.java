package io.baton.cli;

import io.baton.cli.settings.DurationText;
import io.baton.proto.v1.RunState;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for the CLI's argument types. */
final class Converters {
    private Converters() {}

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or ISO-8601. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A run state by its short name ({@code failed}) or full name ({@code RUN_STATE_FAILED}), any case. */
    static final class RunStateConverter implements ITypeConverter<RunState> {
        @Override
        public RunState convert(String value) {
            String name = value.trim().toUpperCase(Locale.ROOT);
            for (RunState s : RunState.values()) {
                if (s == RunState.UNRECOGNIZED || s == RunState.RUN_STATE_UNSPECIFIED) continue;
                if (s.name().equals(name) || s.name().equals("RUN_STATE_" + name)) return s;
            }
            throw new TypeConversionException("unknown run state '" + value + "' (one of " + Arrays.stream(RunState.values())
                    .filter(s -> s != RunState.UNRECOGNIZED && s != RunState.RUN_STATE_UNSPECIFIED)
                    .map(s -> s.name().substring("RUN_STATE_".length()).toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        }
    }
}
