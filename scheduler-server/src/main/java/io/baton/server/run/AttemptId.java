package io.baton.server.run;

import java.util.Comparator;

/**
 * Identity of one attempt of a shard. Attempt numbers are only unique within the epoch that made them
 * (a new leader may not know the last attempt its predecessor sent), so the epoch is part of the identity
 * and orders attempts: a later epoch always supersedes an earlier one.
 */
public record AttemptId(long epoch, int attempt) implements Comparable<AttemptId> {
    public static final AttemptId NONE = new AttemptId(0, 0);
    private static final Comparator<AttemptId> ORDER =
            Comparator.comparingLong(AttemptId::epoch).thenComparingInt(AttemptId::attempt);

    @Override
    public int compareTo(AttemptId o) {
        return ORDER.compare(this, o);
    }

    public boolean isAfter(AttemptId o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return attempt + "@e" + epoch;
    }
}
