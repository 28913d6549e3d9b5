package io.baton.server.store;

import java.util.List;
import org.apache.zookeeper.KeeperException;

/**
 * Which operation of a failed ZooKeeper multi caused the failure, and why. ZooKeeper reports OK for the
 * operations before the failing one and RUNTIMEINCONSISTENCY for those after it; the first other code is
 * the cause. {@code index} is -1 when the multi failed as a whole (connection loss, no per-op results).
 * Pure.
 */
record MultiFailure(int index, KeeperException.Code code) {
    static MultiFailure of(int resultCode, List<Integer> opErrors) {
        for (int i = 0; i < opErrors.size(); i++) {
            int e = opErrors.get(i);
            if (e != KeeperException.Code.OK.intValue() && e != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                return new MultiFailure(i, code(e));
            }
        }
        return new MultiFailure(-1, code(resultCode));
    }

    private static KeeperException.Code code(int value) {
        KeeperException.Code c = KeeperException.Code.get(value);
        return c == null ? KeeperException.Code.SYSTEMERROR : c;
    }

    boolean isAt(int opIndex, KeeperException.Code expected) {
        return index == opIndex && code == expected;
    }

    KeeperException toException(String path) {
        return KeeperException.create(code, path);
    }
}
