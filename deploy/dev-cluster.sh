#!/usr/bin/env bash
# Runs a local Baton cluster on 127.0.0.1 — a real standalone ZooKeeper, 3 scheduler nodes and 3 workers,
# each its own JVM on a free port — then a sharded demo job with live progress.
#
#   deploy/dev-cluster.sh            build, start, run the demo, keep the cluster up until Ctrl-C
#   deploy/dev-cluster.sh --once     build, start, run the demo once, stop; exit status = the demo's
#
# Options: --once, --no-build (use the jars already built), --shards N (12), --sleep-ms MS (1500),
#          --workers N (3), --schedulers N (3), --capacity N (2), --timeout-s S (120), -h/--help.
# Environment: JAVA_HOME (else java on PATH), MVN_ARGS (extra Maven arguments, e.g. -o).
# Logs, worker journals and ZooKeeper data go to runs/dev-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ONCE=0
BUILD=1
SHARDS=12
SLEEP_MS=1500
WORKERS=3
SCHEDULERS=3
CAPACITY=2
TIMEOUT_S=120
SESSION_MS=3000
READY_TIMEOUT_S=60

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "dev-cluster: $*" >&2; exit 2; }
number() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '$2'"; echo "$2"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --once) ONCE=1 ;;
    --no-build) BUILD=0 ;;
    --shards) SHARDS=$(number "$1" "${2:-}"); shift ;;
    --sleep-ms) SLEEP_MS=$(number "$1" "${2:-}"); shift ;;
    --workers) WORKERS=$(number "$1" "${2:-}"); shift ;;
    --schedulers) SCHEDULERS=$(number "$1" "${2:-}"); shift ;;
    --capacity) CAPACITY=$(number "$1" "${2:-}"); shift ;;
    --timeout-s) TIMEOUT_S=$(number "$1" "${2:-}"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done
[[ "$WORKERS" -ge 1 && "$SCHEDULERS" -ge 1 ]] || die "need at least one scheduler and one worker"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -n "$JAVA" && -x "$JAVA" ]] || die "no java found (set JAVA_HOME or put JDK 17 on PATH)"

cd "$ROOT"
if [[ "$BUILD" -eq 1 ]]; then
  echo "building (mvn -B -q -DskipTests package ${MVN_ARGS:-})..."
  # shellcheck disable=SC2086
  mvn -B -q -DskipTests ${MVN_ARGS:-} package
fi
JAR="$(ls scheduler-testing/target/scheduler-testing-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
[[ -n "$JAR" && -d scheduler-testing/target/lib ]] || die "scheduler-testing is not built; run without --no-build"
CP="$ROOT/$JAR:$ROOT/scheduler-testing/target/lib/*"

RUN="$ROOT/runs/dev-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$RUN"
# -Dbaton.run tags every process of this cluster, so `pgrep -f "$RUN"` finds exactly them.
JVM_OPTS=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k
          -Dlogback.configurationFile=baton-process-logback.xml "-Dbaton.run=$RUN")

NODE_PIDS=()
ZK_PID=""
STOPPING=0

# Sends SIGTERM to the given pids, waits up to 10 s, then SIGKILLs what is left.
stop_pids() {
  local pid alive
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ "$alive" -eq 0 ]] && break
    sleep 0.1
  done
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "dev-cluster: pid $pid ignored SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ "$STOPPING" -eq 0 ]]; then
    STOPPING=1
    echo "stopping the cluster..."
    # nodes first so they leave ZooKeeper cleanly, ZooKeeper last
    [[ ${#NODE_PIDS[@]} -gt 0 ]] && stop_pids "${NODE_PIDS[@]}"
    [[ -n "$ZK_PID" ]] && stop_pids "$ZK_PID"
    echo "logs: $RUN"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME MAIN_CLASS ARGS... : starts one JVM in the background, output to $RUN/NAME.log
start() {
  local name="$1" main="$2"
  shift 2
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" "$main" "$@" </dev/null >"$RUN/$name.log" 2>&1 &
  LAST_PID=$!
}

# await_ready NAME PID WORD : waits for "WORD READY ..." in NAME's log; prints that line
await_ready() {
  local name="$1" pid="$2" word="$3" line
  for _ in $(seq 1 $((READY_TIMEOUT_S * 10))); do
    line="$(grep -m 1 "^$word READY " "$RUN/$name.log" || true)"
    if [[ -n "$line" ]]; then echo "$line"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "dev-cluster: $name exited before it was ready; last lines of $RUN/$name.log:" >&2
      tail -n 30 "$RUN/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "dev-cluster: $name not ready within ${READY_TIMEOUT_S}s; last lines of $RUN/$name.log:" >&2
  tail -n 30 "$RUN/$name.log" >&2
  exit 1
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "run directory: $RUN"
start zookeeper io.baton.testing.ZooKeeperMain --port 0 --data-dir "$RUN/zookeeper"
ZK_PID=$LAST_PID
line="$(await_ready zookeeper "$ZK_PID" ZOOKEEPER)"
ZK_PORT="$(field port "$line")"
ZK="127.0.0.1:$ZK_PORT"
echo "zookeeper  $ZK (pid $ZK_PID)"

NAMES=()
for i in $(seq 1 "$SCHEDULERS"); do
  start "s$i" io.baton.server.SchedulerMain --zk "$ZK" --namespace baton --node-id "s$i" \
    --host 127.0.0.1 --port 0 --session-timeout-ms "$SESSION_MS"
  NODE_PIDS+=("$LAST_PID"); NAMES+=("s$i:SCHEDULER")
done
for i in $(seq 1 "$WORKERS"); do
  start "w$i" io.baton.worker.WorkerMain --zk "$ZK" --namespace baton --worker-id "w$i" \
    --host 127.0.0.1 --port 0 --capacity "$CAPACITY" --session-timeout-ms "$SESSION_MS" --journal "$RUN/journal-w$i.log"
  NODE_PIDS+=("$LAST_PID"); NAMES+=("w$i:WORKER")
done
for idx in "${!NAMES[@]}"; do
  name="${NAMES[$idx]%%:*}"; word="${NAMES[$idx]##*:}"; pid="${NODE_PIDS[$idx]}"
  line="$(await_ready "$name" "$pid" "$word")"
  printf '%-10s %s (pid %s)\n' "$name" "$(field address "$line")" "$pid"
done

echo
WIDTH=0
if [[ -t 1 ]]; then WIDTH="$(tput cols 2>/dev/null || echo 0)"; fi
DEMO_STATUS=0
"$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "-Dbaton.run=$RUN" -cp "$CP" \
  io.baton.testing.DemoMain --zk "$ZK" --namespace baton --shards "$SHARDS" --sleep-ms "$SLEEP_MS" \
  --timeout-s "$TIMEOUT_S" --width "$WIDTH" || DEMO_STATUS=$?
echo

if [[ "$ONCE" -eq 1 ]]; then
  if [[ "$DEMO_STATUS" -eq 0 ]]; then echo "demo succeeded"; else echo "dev-cluster: demo failed with status $DEMO_STATUS (logs: $RUN)" >&2; fi
  exit "$DEMO_STATUS"
fi

cat <<EOF
The cluster stays up until Ctrl-C.
  ZooKeeper:  $ZK   (namespace baton)
  SDK:        BatonClient.connect(ClientConfig.zookeeper("$ZK"))
  demo again: java -cp "$CP" io.baton.testing.DemoMain --zk $ZK
  logs:       $RUN
EOF
declare -A REPORTED=()
while true; do
  for idx in "${!NODE_PIDS[@]}"; do
    pid="${NODE_PIDS[$idx]}"
    if [[ -z "${REPORTED[$pid]:-}" ]] && ! kill -0 "$pid" 2>/dev/null; then
      echo "dev-cluster: ${NAMES[$idx]%%:*} (pid $pid) has exited; see $RUN/${NAMES[$idx]%%:*}.log" >&2
      REPORTED[$pid]=1
    fi
  done
  if ! kill -0 "$ZK_PID" 2>/dev/null; then echo "dev-cluster: ZooKeeper has exited; stopping" >&2; exit 1; fi
  sleep 2 &
  wait $! || true
done
