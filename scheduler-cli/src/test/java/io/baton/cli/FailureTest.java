package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.cli.settings.SettingsException;
import io.baton.cli.spec.SpecException;
import io.baton.client.BatonException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureTest {
    private static Failure of(Throwable t) {
        return Failure.of(t, Optional.of("ZooKeeper z:1, namespace baton"));
    }

    @Test
    void sdkErrorCodesMapToDocumentedExitCodes() {
        assertThat(of(new BatonException(BatonException.Code.INVALID, "name: empty")))
                .isEqualTo(new Failure(ExitCode.USAGE, "invalid request: name: empty"));
        assertThat(of(new BatonException(BatonException.Code.NOT_FOUND, "no job x")).exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(of(new BatonException(BatonException.Code.ALREADY_EXISTS, "x")).exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(of(new BatonException(BatonException.Code.CONFLICT, "x")).exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(of(new BatonException(BatonException.Code.INTERNAL, "x")).exitCode()).isEqualTo(ExitCode.INTERNAL);
    }

    @Test
    void unavailableKeepsTheSdkMessageAndSaysWhatWasTried() {
        Failure f = of(new BatonException(BatonException.Code.UNAVAILABLE, "no leader answered within 1000 ms (tried [])"));
        assertThat(f).isEqualTo(new Failure(ExitCode.UNAVAILABLE,
                "cluster unavailable (tried ZooKeeper z:1, namespace baton): no leader answered within 1000 ms (tried [])"));
    }

    @Test
    void inputErrorsAreUsageErrorsAndAnythingElseIsInternalOnOneLine() {
        assertThat(of(new SpecException("job.yaml: field 'x': unknown")).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(of(new SettingsException("no cluster")).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(of(new CommandLine.ParameterException(new CommandLine(CommandLine.Model.CommandSpec.create()), "Unknown option")).exitCode())
                .isEqualTo(ExitCode.USAGE);
        Failure bug = of(new CommandLine.ExecutionException(new CommandLine(CommandLine.Model.CommandSpec.create()), "wrapped",
                new IllegalStateException("first\n  second")));
        assertThat(bug).isEqualTo(new Failure(ExitCode.INTERNAL, "unexpected error: IllegalStateException: first; second"));
        assertThat(of(new NullPointerException()).message()).isEqualTo("unexpected error: NullPointerException");
    }
}
