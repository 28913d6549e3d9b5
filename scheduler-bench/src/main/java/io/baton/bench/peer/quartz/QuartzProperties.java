package io.baton.bench.peer.quartz;

import java.util.Properties;

/**
 * The Quartz configuration of the peer: one clustered {@code JobStoreTX} on the H2 server (Quartz's
 * standard JDBC delegate, its row-lock semaphore, its "hikaricp" connection pool), the same scheduler
 * name for every member and a distinct instance id each. Tuned as Quartz's documentation advises for
 * many short jobs: triggers acquired in batches as large as the thread pool; the connection pool is
 * sized by the caller ({@link QuartzPeer#CONNECTIONS_PER_MEMBER}). The misfire threshold is long so that a late fire runs late (and is measured) instead of
 * being re-timed. Pure.
 */
final class QuartzProperties {
    static final String SCHEDULER_NAME = "BatonPeer";
    private static final String DS = "org.quartz.dataSource.peer.";
    /** Quartz refuses an idle wait under a second; a shorter one lets idle instances see new triggers sooner. */
    static final long IDLE_WAIT_MILLIS = 1_000;
    static final long MISFIRE_THRESHOLD_MILLIS = 600_000;

    private QuartzProperties() {}

    /** A cluster member that runs jobs on {@code threads} threads, with at most {@code maxConnections} connections. */
    static Properties member(DatabaseAddress db, String instanceId, int threads, int maxConnections) {
        if (threads < 1 || maxConnections < 1) throw new IllegalArgumentException("a member needs at least one thread and one connection");
        Properties p = common(db, instanceId, maxConnections);
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", "0");
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(IDLE_WAIT_MILLIS));
        return p;
    }

    /**
     * The harness's handle on the cluster: stores jobs and triggers, is never started, so it neither
     * checks in nor fires anything.
     */
    static Properties client(DatabaseAddress db) {
        Properties p = common(db, "harness", 2);
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        return p;
    }

    private static Properties common(DatabaseAddress db, String instanceId, int connections) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "peer");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MILLIS));
        p.setProperty(DS + "provider", "hikaricp");
        p.setProperty(DS + "driver", "org.h2.Driver");
        p.setProperty(DS + "URL", db.jdbcUrl());
        p.setProperty(DS + "user", db.user());
        p.setProperty(DS + "password", db.password());
        p.setProperty(DS + "maxConnections", Integer.toString(connections));
        return p;
    }
}
