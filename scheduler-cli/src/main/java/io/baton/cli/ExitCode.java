package io.baton.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of {@code baton}, as documented in {@code baton --help} and docs/CLI.md. */
public final class ExitCode {
    public static final int OK = 0;
    /** An unexpected error (a bug, or an internal error on the scheduler). */
    public static final int INTERNAL = 1;
    /** Bad flags or arguments, a bad spec or config file, or a request the cluster refused as INVALID. */
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    /** The request conflicts with the current state, or the job exists already. */
    public static final int CONFLICT = 4;
    /** No leader answered in time: the cluster is down or unreachable from here. */
    public static final int UNAVAILABLE = 5;
    /** {@code job trigger --wait}: the run ended FAILED or CANCELLED. */
    public static final int RUN_FAILED = 6;
    /** The wait ended first: {@code worker drain} (shards still running) or {@code job trigger --wait} (run not finished). */
    public static final int TIMED_OUT = 7;

    private ExitCode() {}

    /** Code -> meaning, for the help text. */
    public static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Integer.toString(OK), "ok");
        m.put(Integer.toString(INTERNAL), "internal or unexpected error");
        m.put(Integer.toString(USAGE), "usage or invalid input (bad flags, bad spec/config file, INVALID from the cluster)");
        m.put(Integer.toString(NOT_FOUND), "not found (job, run or worker)");
        m.put(Integer.toString(CONFLICT), "conflict or already exists (e.g. delete of a job with active runs)");
        m.put(Integer.toString(UNAVAILABLE), "cluster unavailable (no leader answered within --timeout)");
        m.put(Integer.toString(RUN_FAILED), "run failed or was cancelled (job trigger --wait)");
        m.put(Integer.toString(TIMED_OUT), "timed out waiting (worker drain not drained, trigger --wait not finished)");
        return m;
    }
}
