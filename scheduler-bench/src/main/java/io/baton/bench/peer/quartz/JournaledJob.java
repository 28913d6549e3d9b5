package io.baton.bench.peer.quartz;

import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.TriggerKey;

/**
 * The peer's no-op job: it does nothing but record, in its instance's journal, when it started and ended
 * and which fire of which trigger it was. Made by the instance's job factory with the journal in hand.
 */
public final class JournaledJob implements Job {
    private final ExecutionJournal journal;

    JournaledJob(ExecutionJournal journal) {
        this.journal = journal;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long start = ExecutionRecord.micros(Instant.now());
        TriggerKey key = context.getTrigger().getKey();
        long end = ExecutionRecord.micros(Instant.now());
        journal.append(new ExecutionRecord(key.getGroup(), key.getName(), context.getScheduledFireTime().getTime(), start, end));
    }
}
