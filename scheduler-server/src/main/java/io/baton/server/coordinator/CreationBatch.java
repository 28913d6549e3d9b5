package io.baton.server.coordinator;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
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

    /**
     * Removes the head of {@code queue} and every following batch while the runs stay under {@code maxBytes}
     * (the head is always taken, however large), in order; a job recorded twice keeps its later record.
     * Null when the queue is empty.
     */
    static CreationBatch takeMerged(Deque<CreationBatch> queue, int maxBytes) {
        CreationBatch head = queue.poll();
        if (head == null) return null;
        List<RunRecord> runs = new ArrayList<>(head.runs());
        Map<String, JobRecord> jobs = new LinkedHashMap<>();
        head.jobs().forEach(j -> jobs.put(j.getSpec().getName(), j));
        long bytes = size(head);
        while (!queue.isEmpty() && bytes + size(queue.peek()) <= maxBytes) {
            CreationBatch next = queue.poll();
            bytes += size(next);
            runs.addAll(next.runs());
            next.jobs().forEach(j -> jobs.put(j.getSpec().getName(), j));
        }
        return new CreationBatch(runs, new ArrayList<>(jobs.values()));
    }

    private static long size(CreationBatch b) {
        long sum = 0;
        for (RunRecord r : b.runs()) sum += r.getSerializedSize();
        for (JobRecord j : b.jobs()) sum += j.getSerializedSize();
        return sum;
    }
}
