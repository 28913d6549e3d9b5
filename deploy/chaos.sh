#!/usr/bin/env bash
# Runs Baton's chaos suite: a real 3-node ZooKeeper ensemble, 3 schedulers and 4 workers, each its own JVM
# on 127.0.0.1 with free ports, a workload of cron and API jobs, and faults injected at random moments
# (kill -9 and SIGSTOP of leader and workers, SIGTERM of a worker, loss of one then two ZooKeeper nodes,
# all schedulers restarted). Then it checks the invariants from the workers' own journals and prints a report.
#
#   deploy/chaos.sh --minutes 30     about 30 minutes of faults; exit 0 = every invariant held
#
# Options: --minutes N (10), --seed N (replays a run's workload and fault plan), --workers N (4),
#          --capacity N (4), --session-timeout-ms MS (2000), --run-dir DIR, --no-build, -h/--help.
# Exit status: 0 passed, 1 an invariant was violated, 2 bad options, 3 the rig failed.
# Environment: JAVA_HOME (else java on PATH), MVN_ARGS (extra Maven arguments, e.g. -o).
# Logs, journals, ZooKeeper data and chaos-report.md/.json go to runs/chaos-<timestamp>/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD=1
ARGS=()

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "chaos: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --minutes|--seed|--workers|--capacity|--session-timeout-ms|--run-dir)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      ARGS+=("$1" "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
  shift
done

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

# The suite starts and stops every process itself (children die with it, even on kill -9).
exec "$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$ROOT/$JAR:$ROOT/scheduler-testing/target/lib/*" io.baton.testing.ChaosMain "${ARGS[@]}"
