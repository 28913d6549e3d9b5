package io.baton.worker.handlers;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;

/**
 * {@code demo.fail}: fails with "failed on purpose" when the shard parameter or the job parameter is
 * {@code fail}; otherwise succeeds. Lets demos and tests make chosen shards fail.
 */
public final class FailHandler implements ShardHandler {
    public static final String NAME = "demo.fail";
    public static final String MESSAGE = "failed on purpose";

    @Override
    public ShardResult execute(ShardContext ctx) {
        if ("fail".equals(ctx.shardParameter()) || "fail".equals(ctx.jobParameter())) {
            return ShardResult.failed(MESSAGE);
        }
        return ShardResult.succeeded("did not fail");
    }
}
