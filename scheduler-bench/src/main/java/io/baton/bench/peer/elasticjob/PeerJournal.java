package io.baton.bench.peer.elasticjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a peer instance journals, independently of what ElasticJob stores in ZooKeeper. Two kinds:
 * <ul>
 *   <li>{@code SHARD <job> <item> <startMicros> <endMicros> <scheduledFireMillis>}: one execution of one
 *       shard item by the no-op job (epoch microseconds; the scheduled fire time is Quartz's, -1 when unknown);</li>
 *   <li>{@code RUN <job> <scheduledFireMillis> <doneMicros>}: the instance finished one execution of the
 *       job (Quartz's job-was-executed, after ElasticJob removed its running marks), whether or not it held
 *       any shard;</li>
 *   <li>{@code MISFIRE <job> <scheduledFireMillis>}: Quartz found the fire more than ElasticJob's misfire
 *       threshold (1 ms) late and, by ElasticJob's "do nothing" misfire policy, skipped it.</li>
 * </ul>
 * Pure: formats and parses lines, reads journal files.
 */
public final class PeerJournal {
    private PeerJournal() {}

    /** One shard item executed by one instance. */
    public record Shard(String job, int item, long startMicros, long endMicros, long scheduledFireMillis) {
        public String line() {
            return "SHARD " + job + ' ' + item + ' ' + startMicros + ' ' + endMicros + ' ' + scheduledFireMillis;
        }
    }

    /** One instance finished one execution of a job. */
    public record Run(String job, long scheduledFireMillis, long doneMicros) {
        public String line() {
            return "RUN " + job + ' ' + scheduledFireMillis + ' ' + doneMicros;
        }
    }

    /** A fire Quartz skipped in this instance. */
    public record Misfire(String job, long scheduledFireMillis) {
        public String line() {
            return "MISFIRE " + job + ' ' + scheduledFireMillis;
        }
    }

    /** What a set of journals holds. */
    public record Contents(List<Shard> shards, List<Run> runs, List<Misfire> misfires) {
        public Contents {
            shards = List.copyOf(shards);
            runs = List.copyOf(runs);
            misfires = List.copyOf(misfires);
        }
    }

    /** Parses complete lines (each ending in a newline); a torn last line is not yet written and is skipped. */
    public static Contents parse(String text) {
        List<Shard> shards = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        List<Misfire> misfires = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) return new Contents(shards, runs, misfires);
        for (String line : text.substring(0, end).split("\n")) {
            if (line.isBlank()) continue;
            String[] w = line.strip().split(" ");
            try {
                if (w[0].equals("SHARD") && w.length == 6) {
                    shards.add(new Shard(w[1], Integer.parseInt(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4]), Long.parseLong(w[5])));
                } else if (w[0].equals("RUN") && w.length == 4) {
                    runs.add(new Run(w[1], Long.parseLong(w[2]), Long.parseLong(w[3])));
                } else if (w[0].equals("MISFIRE") && w.length == 3) {
                    misfires.add(new Misfire(w[1], Long.parseLong(w[2])));
                } else {
                    throw new IllegalArgumentException("not a peer journal line: " + line);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in peer journal line: " + line, e);
            }
        }
        return new Contents(shards, runs, misfires);
    }

    /** Every entry of the given journals; a file not yet written counts as empty. */
    public static Contents readAll(List<Path> journals) {
        List<Shard> shards = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        List<Misfire> misfires = new ArrayList<>();
        for (Path file : journals) {
            if (!Files.exists(file)) continue;
            try {
                Contents c = parse(Files.readString(file));
                shards.addAll(c.shards());
                runs.addAll(c.runs());
                misfires.addAll(c.misfires());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read peer journal " + file, e);
            }
        }
        return new Contents(shards, runs, misfires);
    }
}
