package io.baton.server.coordinator;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fire decisions to store in one multi: new runs and the job records whose last fire they move. The
 * coordinator queues one batch per event and stores them one after another; {@link #takeMerged} joins
 * the queued ones so a burst of fires costs one multi, not one each. Pure.
 */
record CreationBatch(List<RunRecord> runs, List<JobRecord> jobs) {
    CreationBatch {
        runs = List.copyOf(runs);
        jobs = List.copyOf(jobs);
    }

    /** What each record adds to the multi that stores a batch, in bytes (the store's estimate). */
    interface Sizes {
        long run(RunRecord run);

        long job(JobRecord job);

        /** The records' own serialized sizes: for tests; a multi carries paths and op headers besides. */
        Sizes SERIALIZED = new Sizes() {
            @Override public long run(RunRecord run) { return run.getSerializedSize(); }

            @Override public long job(JobRecord job) { return job.getSerializedSize(); }
        };
    }

    /**
     * Whether any run waiting in {@code queue} must be sent to its workers before {@code untilMillis}, given
     * that shards go out {@code dispatchLeadMillis} ahead of their fire time: then its creation cannot wait.
     */
    static boolean dueBefore(Collection<CreationBatch> queue, long untilMillis, long dispatchLeadMillis) {
        for (CreationBatch b : queue) {
            for (RunRecord r : b.runs()) if (r.getFireTimeMillis() - dispatchLeadMillis <= untilMillis) return true;
        }
        return false;
    }

    /**
     * Removes the head of {@code queue} and every following batch while the runs stay under {@code maxBytes}
     * (the head is always taken, however large), in order; a job recorded twice keeps its later record.
     * Null when the queue is empty.
     */
    static CreationBatch takeMerged(Deque<CreationBatch> queue, long maxBytes, Sizes sizes) {
        CreationBatch head = queue.poll();
        if (head == null) return null;
        List<RunRecord> runs = new ArrayList<>(head.runs());
        Map<String, JobRecord> jobs = new LinkedHashMap<>();
        head.jobs().forEach(j -> jobs.put(j.getSpec().getName(), j));
        long bytes = bytes(head, sizes);
        while (!queue.isEmpty() && bytes + bytes(queue.peek(), sizes) <= maxBytes) {
            CreationBatch next = queue.poll();
            bytes += bytes(next, sizes);
            runs.addAll(next.runs());
            next.jobs().forEach(j -> jobs.put(j.getSpec().getName(), j));
        }
        return new CreationBatch(runs, new ArrayList<>(jobs.values()));
    }

    /**
     * {@code batch} as pieces of at most {@code maxBytes} each, in order, for a burst of fires too large for
     * one multi (thousands of jobs sharing a fire instant, or a term deciding a whole fire lead at once). A
     * job's runs stay in one piece with the record that moves its last fire over them, so a term that ends
     * between pieces has stored no run beyond its job's last fire (the next term decides the rest again); a
     * job's group larger than {@code maxBytes} is a piece of its own. Jobs without runs go in the first piece.
     * The batch itself when it fits.
     */
    static List<CreationBatch> split(CreationBatch batch, long maxBytes, Sizes sizes) {
        if (bytes(batch, sizes) <= maxBytes) return List.of(batch);
        Map<String, JobRecord> jobs = new LinkedHashMap<>();
        batch.jobs().forEach(j -> jobs.put(j.getSpec().getName(), j));
        Map<String, List<RunRecord>> runsByJob = new LinkedHashMap<>();
        for (RunRecord r : batch.runs()) runsByJob.computeIfAbsent(r.getJobName(), k -> new ArrayList<>()).add(r);
        List<CreationBatch> pieces = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        List<JobRecord> records = new ArrayList<>();
        for (String name : jobs.keySet()) if (!runsByJob.containsKey(name)) records.add(jobs.get(name));
        long bytes = 0;
        for (Map.Entry<String, List<RunRecord>> group : runsByJob.entrySet()) {
            JobRecord job = jobs.get(group.getKey());
            long groupBytes = (job == null ? 0 : sizes.job(job));
            for (RunRecord r : group.getValue()) groupBytes += sizes.run(r);
            if (!runs.isEmpty() && bytes + groupBytes > maxBytes) {
                pieces.add(new CreationBatch(runs, records));
                runs = new ArrayList<>();
                records = new ArrayList<>();
                bytes = 0;
            }
            runs.addAll(group.getValue());
            if (job != null) records.add(job);
            bytes += groupBytes;
        }
        if (!runs.isEmpty() || !records.isEmpty()) pieces.add(new CreationBatch(runs, records));
        return pieces;
    }

    /** What {@code b} adds to a multi, by {@code sizes}. */
    static long bytes(CreationBatch b, Sizes sizes) {
        long sum = 0;
        for (RunRecord r : b.runs()) sum += sizes.run(r);
        for (JobRecord j : b.jobs()) sum += sizes.job(j);
        return sum;
    }
}
