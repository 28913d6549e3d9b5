package io.baton.server.run;

/** What the leader did with a shard report. Only {@link #ACCEPTED} changed anything. */
public enum ReportVerdict {
    ACCEPTED,
    /** The report is for an attempt that is not the shard's current one (superseded or never made). */
    STALE_ATTEMPT,
    /** The shard already finished; nothing changes (a re-delivered report). */
    ALREADY_FINAL,
    /** No such run or shard in this leader's memory. */
    UNKNOWN
}
