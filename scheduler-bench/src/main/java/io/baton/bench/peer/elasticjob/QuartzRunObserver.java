package io.baton.bench.peer.elasticjob;

import java.time.Clock;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.quartz.impl.SchedulerRepository;

/**
 * Watches the Quartz scheduler ElasticJob creates for each job (registered under the job's name): when a
 * fire starts it hands the scheduled fire time to {@link FireTimes}; when the job has executed (after
 * ElasticJob removed its running marks from ZooKeeper) it journals a {@link PeerJournal.Run} line, which
 * tells the harness this instance is done with that fire; when Quartz skips a late fire (a misfire) it
 * journals a {@link PeerJournal.Misfire} line. Only public Quartz API is used; ElasticJob is not
 * modified.
 */
final class QuartzRunObserver implements TriggerListener, JobListener {
    private final String job;
    private final FireTimes fireTimes;
    private final JournalWriter journal;
    private final Clock clock;

    private QuartzRunObserver(String job, FireTimes fireTimes, JournalWriter journal, Clock clock) {
        this.job = job;
        this.fireTimes = fireTimes;
        this.journal = journal;
        this.clock = clock;
    }

    /** Attaches an observer to the Quartz scheduler of {@code job}, which ElasticJob created when the job was bootstrapped. */
    static void attach(String job, FireTimes fireTimes, JournalWriter journal, Clock clock) {
        try {
            Scheduler scheduler = SchedulerRepository.getInstance().lookup(job);
            if (scheduler == null) throw new IllegalStateException("no Quartz scheduler named " + job + ": was the job bootstrapped?");
            QuartzRunObserver observer = new QuartzRunObserver(job, fireTimes, journal, clock);
            scheduler.getListenerManager().addTriggerListener(observer);
            scheduler.getListenerManager().addJobListener(observer);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot observe the Quartz scheduler of " + job, e);
        }
    }

    @Override
    public String getName() {
        return "baton-bench-observer-" + job;
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
        fireTimes.fired(job, context.getScheduledFireTime() == null ? FireTimes.UNKNOWN : context.getScheduledFireTime().getTime());
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
        long fire = context.getScheduledFireTime() == null ? FireTimes.UNKNOWN : context.getScheduledFireTime().getTime();
        journal.append(new PeerJournal.Run(job, fire, NoOpShardJob.micros(clock.instant())).line());
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        // Quartz passes the trigger as it was before its misfire policy moved it on: its next fire is the one skipped
        long skipped = trigger.getNextFireTime() == null ? FireTimes.UNKNOWN : trigger.getNextFireTime().getTime();
        journal.append(new PeerJournal.Misfire(job, skipped).line());
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context, Trigger.CompletedExecutionInstruction instruction) {
        // the job listener has journaled the run
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        // the trigger listener has recorded the fire time
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        // never vetoed
    }
}
