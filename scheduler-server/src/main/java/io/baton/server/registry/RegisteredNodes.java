package io.baton.server.registry;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading registration nodes (direct children of a registry parent) out of a Curator cache. */
final class RegisteredNodes {
    private static final Logger log = LoggerFactory.getLogger(RegisteredNodes.class);

    private RegisteredNodes() {}

    /** Whether {@code node} is a direct child of {@code parent} (the cache also holds the parent itself). */
    static boolean isChildOf(String parent, ChildData node) {
        return node != null && parent.equals(ZKPaths.getPathAndNode(node.getPath()).getPath());
    }

    static String name(ChildData node) {
        return ZKPaths.getNodeFromPath(node.getPath());
    }

    /** The node's message, or empty (logged) when the node holds something unreadable. */
    static <T extends MessageLite> Optional<T> parse(ChildData node, Parser<T> parser) {
        byte[] data = node.getData();
        if (data == null) return Optional.empty();
        try {
            return Optional.of(parser.parseFrom(data));
        } catch (InvalidProtocolBufferException e) {
            log.warn("ignoring unreadable registration {}: {}", node.getPath(), e.getMessage());
            return Optional.empty();
        }
    }
}
