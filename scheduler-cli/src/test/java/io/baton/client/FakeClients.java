package io.baton.client;

import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import java.util.function.Function;

/**
 * Test access to the SDK's package-private constructor: a {@link BatonClient} whose requests are answered by
 * a function instead of a cluster, so CLI commands can be tested without one.
 */
public final class FakeClients {
    private FakeClients() {}

    public static BatonClient answering(Function<ClientRequest, ClientResponse> transport) {
        return new BatonClient(transport, () -> { });
    }
}
