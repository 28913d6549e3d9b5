package io.baton.worker.api;

/**
 * The code a worker runs for one shard of a job. Handlers are registered with the worker under a name
 * (the job's {@code handler} field selects one), and are called on the worker's shard threads, at most
 * {@code capacity} at a time; one instance may run several shards concurrently, so keep it stateless or
 * thread-safe.
 *
 * <p>Outcomes: a returned {@link ShardResult#succeeded} is reported as SUCCEEDED, a returned
 * {@link ShardResult#failed} or any thrown exception as FAILED (with the exception's message). A shard
 * the leader cancels sees {@link ShardContext#isCancelled()} turn true and its thread interrupted; if it
 * then throws or returns a failure, it is reported as CANCELLED. An attempt that runs past its
 * {@link ShardContext#timeout()} is stopped the same way and reported as TIMED_OUT, whatever it returns or
 * throws afterwards; its slot stays busy until the handler returns, so return promptly once cancelled.
 *
 * <p>A shard may run more than once (a retry after a lost worker, for example): use
 * {@link ShardContext#idempotencyKey()} to make side effects idempotent.
 *
 * <pre>{@code
 * ShardHandler resize = ctx -> {
 *     List<String> images = listImages(ctx.jobParameter(), ctx.shardIndex(), ctx.shardCount());
 *     for (String image : images) {
 *         if (ctx.isCancelled()) return ShardResult.failed("cancelled");
 *         thumbnails.putIfAbsent(ctx.idempotencyKey() + "/" + image, resize(image));
 *     }
 *     return ShardResult.succeeded("resized " + images.size() + " images");
 * };
 * new WorkerNode(config, curator, Map.of("images.resize", resize)).start();
 * }</pre>
 */
@FunctionalInterface
public interface ShardHandler {

    /**
     * Runs one shard attempt.
     *
     * @param ctx what to run: job, run, shard and the parameters; also the cancellation flag
     * @return the outcome; {@code null} is reported as a failure
     * @throws InterruptedException when cancelled while blocked (reported as CANCELLED, or TIMED_OUT after a timeout)
     * @throws Exception any other failure (reported as FAILED with the exception's message)
     */
    ShardResult execute(ShardContext ctx) throws Exception;
}
