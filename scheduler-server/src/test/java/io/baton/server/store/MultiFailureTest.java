package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.KeeperException.Code;
import org.junit.jupiter.api.Test;

class MultiFailureTest {
    private static final int OK = Code.OK.intValue();
    private static final int AFTER = Code.RUNTIMEINCONSISTENCY.intValue();

    @Test
    void blamesTheFirstOperationThatReallyFailed() {
        MultiFailure f = MultiFailure.of(Code.NODEEXISTS.intValue(), List.of(OK, OK, Code.NODEEXISTS.intValue(), AFTER));

        assertThat(f).isEqualTo(new MultiFailure(2, Code.NODEEXISTS));
        assertThat(f.isAt(2, Code.NODEEXISTS)).isTrue();
        assertThat(f.isAt(1, Code.NODEEXISTS)).isFalse();
    }

    @Test
    void aFailedEpochCheckIsTheFirstOperation() {
        assertThat(MultiFailure.of(Code.BADVERSION.intValue(), List.of(Code.BADVERSION.intValue(), AFTER, AFTER)))
                .isEqualTo(new MultiFailure(0, Code.BADVERSION));
    }

    @Test
    void withoutPerOperationResultsTheWholeMultiFailed() {
        assertThat(MultiFailure.of(Code.CONNECTIONLOSS.intValue(), List.of()))
                .isEqualTo(new MultiFailure(-1, Code.CONNECTIONLOSS));
    }
}
