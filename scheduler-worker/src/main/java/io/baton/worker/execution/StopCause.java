package io.baton.worker.execution;

/** What stopped an attempt before its handler returned; the first stop decides the attempt's report. */
enum StopCause {
    /** Nothing: the handler ended on its own. */
    NONE,
    /** The leader cancelled the attempt, or the worker is closing. */
    CANCELLED,
    /** The attempt ran for its whole timeout. */
    TIMED_OUT
}
