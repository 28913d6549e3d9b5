package io.baton.server.election;

import io.baton.common.zk.ZkPaths;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.utils.ZKPaths;

/**
 * The order of candidates in the election: Curator's leader latch names each participant node
 * {@code <protection prefix>latch-<sequence>}, and the one with the lowest sequence leads; each other
 * candidate watches the node just before its own. Pure.
 */
final class LatchOrder {
    private static final String LATCH_MARK = "latch-";

    private LatchOrder() {}

    /**
     * The path of the candidate right after {@code ourNode} (a path under {@link ZkPaths#ELECTION}) among
     * {@code children} (names of the election's children): the one that wins when our node goes. Empty when we
     * are not among them or no one comes after us. Names without a latch sequence are ignored.
     */
    static Optional<String> successorOf(List<String> children, String ourNode) {
        String ours = ZKPaths.getNodeFromPath(ourNode);
        List<String> ordered = children.stream().filter(c -> c.contains(LATCH_MARK))
                .sorted(Comparator.comparing(LatchOrder::sequence)).toList();
        int at = ordered.indexOf(ours);
        if (at < 0 || at + 1 >= ordered.size()) return Optional.empty();
        return Optional.of(ZKPaths.makePath(ZkPaths.ELECTION, ordered.get(at + 1)));
    }

    /** The sequence part of a latch node name (what follows the last "latch-"), compared as text like Curator does. */
    private static String sequence(String child) {
        return child.substring(child.lastIndexOf(LATCH_MARK) + LATCH_MARK.length());
    }
}
