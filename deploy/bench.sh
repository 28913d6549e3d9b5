#!/usr/bin/env bash
# Runs Baton's benchmarks and writes a report (Markdown, CSV, JMH JSON) to bench-results/<timestamp>/:
#   report.md; micro.csv, jmh.json (micro); throughput.csv, latency.csv, failover.csv, scale.csv,
#   elasticjob.csv, elasticjob-delays.csv, quartz-throughput.csv, quartz-latency.csv (macro); PNG plots
#   latency.png (fire -> shard start delay by percentile, per fire rate, Baton and peers) and
#   throughput.png (completed shards per second over time) (macro); cluster logs under clusters/.
#   deploy/bench.sh            full run (each benchmark as annotated)
#   deploy/bench.sh --quick    short measurements: a few minutes in all
#   deploy/bench.sh --out DIR  write the report to DIR
#   deploy/bench.sh --only micro|macro|scale   one part (scale: N cron jobs on one leader; --scale-jobs N)
#   --cluster-jvm "OPTIONS"    JVM options of Baton's benchmark cluster processes (default -Xms1g -Xmx1g -XX:+UseParallelGC)
#   --zk-jvm "OPTIONS"         JVM options of their ZooKeeper server instead (default: the same as --cluster-jvm)
#   --no-build                 use the jars already built
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done
if [[ $build == 1 ]]; then
  echo "building (mvn -B -q install -DskipTests -pl scheduler-bench -am) ..."
  mvn -B -q install -DskipTests -pl scheduler-bench -am
fi
jar=$(ls scheduler-bench/target/scheduler-bench-*.jar 2>/dev/null | grep -v -- '-tests' | head -1 || true)
if [[ -z "$jar" || ! -d scheduler-bench/target/lib ]]; then
  echo "bench.sh: scheduler-bench is not built; run without --no-build" >&2
  exit 2
fi
exec java -cp "$jar:scheduler-bench/target/lib/*" io.baton.bench.BenchMain "${args[@]+"${args[@]}"}"
