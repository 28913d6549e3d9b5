package io.baton.server.dispatch;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;

/**
 * A reconnecting connection to one worker whose listener can change hands ({@link ListenerSwitch}): made by a
 * follower ahead of need, or by a term for a worker it had none for.
 *
 * @param address the worker's address as registered ({@code host:port}), which the client dials
 */
public record WarmLink(String address, RpcClient client, ListenerSwitch listener) {

    /** Starts dialling {@code address}, every connection's callbacks going to {@code first} until switched. */
    public static WarmLink open(RpcRuntime runtime, RpcConfig config, String address, MessageListener first) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) throw new IllegalArgumentException("not host:port: " + address);
        ListenerSwitch listener = new ListenerSwitch(first);
        RpcClient client = new RpcClient(runtime, config, address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), listener);
        client.start();
        return new WarmLink(address, client, listener);
    }
}
