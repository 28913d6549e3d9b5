package io.baton.bench.peer.elasticjob;

import java.util.ArrayList;
import java.util.List;

/**
 * The jobs every ElasticJob-lite peer instance registers, passed to {@link ElasticJobPeerMain} as one
 * argument ({@code one-off:16:1000}, {@code every-second:100:1}): {@code count} jobs of {@code shards}
 * shards each, either one-off jobs (no cron; they run when triggered) or cron jobs firing at the start of
 * every second ({@code * * * * * ?}: ElasticJob's cron has second granularity, so every job fires at the
 * same instant). Pure.
 */
public record PeerJobs(Kind kind, int count, int shards) {
    /** How the jobs fire. */
    public enum Kind {
        ONE_OFF("one-off", "ej-throughput-"),
        EVERY_SECOND("every-second", "ej-latency-");

        private final String word;
        private final String namePrefix;

        Kind(String word, String namePrefix) {
            this.word = word;
            this.namePrefix = namePrefix;
        }

        static Kind of(String word) {
            for (Kind k : values()) if (k.word.equals(word)) return k;
            throw new IllegalArgumentException("unknown job kind '" + word + "' (one-off or every-second)");
        }
    }

    /** The Quartz cron of {@link Kind#EVERY_SECOND} jobs. */
    public static final String EVERY_SECOND_CRON = "* * * * * ?";

    public PeerJobs {
        if (kind == null) throw new IllegalArgumentException("kind is missing");
        if (count < 1 || shards < 1) throw new IllegalArgumentException("job count and shards must be positive: " + count + ", " + shards);
    }

    /** Parses {@code kind:count:shards}. */
    public static PeerJobs parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3) throw new IllegalArgumentException("expected kind:count:shards, got '" + text + "'");
        try {
            return new PeerJobs(Kind.of(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in '" + text + "'", e);
        }
    }

    /** The argument form, read back by {@link #parse(String)}. */
    public String format() {
        return kind.word + ":" + count + ":" + shards;
    }

    /** The names of the jobs, the same in every instance (that is what makes them one job with shards across instances). */
    public List<String> names() {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) names.add(kind.namePrefix + i);
        return names;
    }

    /** Shards in all the jobs of one round. */
    public long shardsPerRound() {
        return (long) count * shards;
    }
}
