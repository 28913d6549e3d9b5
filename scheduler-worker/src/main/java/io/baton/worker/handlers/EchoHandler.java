package io.baton.worker.handlers;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;

/** {@code demo.echo}: succeeds at once with the shard parameter as output. */
public final class EchoHandler implements ShardHandler {
    public static final String NAME = "demo.echo";

    @Override
    public ShardResult execute(ShardContext ctx) {
        return ShardResult.succeeded(ctx.shardParameter());
    }
}
