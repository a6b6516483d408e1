#!/usr/bin/env bash
# Side-by-side benchmark on one machine, in one run. It measures in-process ceilings (password
# verification, token signing), then runs wrk against a development-mode gateway and a bare Vert.x server
# on 127.0.0.1. It prints a table of each figure with its ratio to its ceiling or baseline, its goal and
# PASS or FAIL.
#
# Prerequisites: JDK 17, Maven, curl, and wrk (Debian/Ubuntu: apt-get install wrk).
# Usage: loadtest/bench.sh. It prints progress, then the tables. Two runs on 2 cores took 3.1 and 3.4
# minutes, build included, with the Maven dependencies already downloaded.
# Environment (all optional):
#   BENCH_BUILD_DIR       Maven build directory (default /tmp/bench-build), so that builds in target/ by
#                         other people do not collide with this one
#   BENCH_PHASE_SECONDS   length of each measured wrk phase (default 12). The overload phase runs 3 s longer
#   BENCH_WARM_UP_SECONDS wrk warm-up before each endpoint's first measured phase (default 3)
#   BENCH_CEILING_SECONDS measured time of each in-process ceiling, after a 2 s warm-up (default 6)
#   BENCH_JAVA_OPTS       JVM options of the gateway and the bare server (default -Xmx128m)
# Logs and wrk outputs are kept in a new /tmp/authgate-bench.* folder, named at the start.
set -euo pipefail

LOADTEST_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT_DIR=$(dirname "$LOADTEST_DIR")
SCRIPTS="$LOADTEST_DIR/bench"
# shellcheck source=bench/processes.sh
source "$SCRIPTS/processes.sh"
# shellcheck source=bench/results.sh
source "$SCRIPTS/results.sh"

BUILD_DIR=${BENCH_BUILD_DIR:-/tmp/bench-build}
PHASE_SECONDS=${BENCH_PHASE_SECONDS:-12}
WARM_UP_SECONDS=${BENCH_WARM_UP_SECONDS:-3}
CEILING_SECONDS=${BENCH_CEILING_SECONDS:-6}
read -r -a JAVA_OPTS <<<"${BENCH_JAVA_OPTS:--Xmx128m}"
USERS_CSV="$LOADTEST_DIR/src/test/resources/demo-users.csv"
CORES=$(nproc)

# Connections per phase. The login phase takes its count from the gateway (see phases.sh). Other saturating
# phases use 32, paced phases need only a few, and the overload phase uses one connection per wrk thread
# (see bench/overload.lua).
REFRESH_CONNECTIONS=16
CONNECTIONS=32
PACED_CONNECTIONS=8
OVERLOAD_CONNECTIONS=128
# Sessions per session set: twice the refresh connections, so that a connection whose response was lost
# still finds a fresh refresh token.
SESSIONS=32

if ! command -v wrk >/dev/null; then
  echo "Missing prerequisite: wrk. Install it, for example with 'apt-get install wrk' on Debian or Ubuntu." >&2
  exit 1
fi
for tool in curl java mvn awk getconf; do
  if ! command -v "$tool" >/dev/null; then
    echo "Missing prerequisite: $tool. Install it and run the script again." >&2
    exit 1
  fi
done

WORK_DIR=$(mktemp -d /tmp/authgate-bench.XXXXXX)
trap stop_started_processes EXIT
trap 'exit 130' INT TERM
# Unsetting these keeps the environment from moving the gateway, and the ceilings that read the same
# configuration, to another mode, configuration file or Redis.
CLEAN_ENV=(env -u AUTHGATE_CONFIG -u AUTHGATE_MODE -u AUTHGATE_REDIS_URL)
echo "--- Logs and wrk outputs: $WORK_DIR"

echo "--- Building $BUILD_DIR/authgate.jar and the test classes"
(cd "$ROOT_DIR" && mvn -q -B -DskipTests -Dauthgate.build.dir="$BUILD_DIR" package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD_DIR/bench.cp")
TEST_CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench.cp")"
LOAD_BEFORE=$(uptime)
STARTED_AT=$(date -u)

echo "--- In-process ceilings on $CORES threads (no HTTP, Redis or JWT around them)"
machine_before=$(machine_cpu_seconds)
ceilings_start=$(date +%s.%N)
TIMEFORMAT='%U %S'
{ time "${CLEAN_ENV[@]}" java -cp "$TEST_CP" dev.authgate.bench.Ceilings 2 "$CEILING_SECONDS" \
  >"$WORK_DIR/ceilings.txt" 2>"$WORK_DIR/ceilings.log"; } 2>"$WORK_DIR/ceilings.time"
ceilings_elapsed=$(calc "$(date +%s.%N) - $ceilings_start")
CEILINGS_OTHER_CORES=$(calc "($(machine_cpu_seconds) - $machine_before \
  - $(awk '{ print $1 + $2 }' "$WORK_DIR/ceilings.time")) / $ceilings_elapsed")
sed 's/^/    /' "$WORK_DIR/ceilings.txt"
ceiling() {
  sed -n "s/^$1=//p" "$WORK_DIR/ceilings.txt"
}

echo "--- Starting a development-mode gateway (JVM options: ${JAVA_OPTS[*]})"
GATEWAY_PORT=$(free_port)
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
# Started from the work folder, the gateway reads only what its jar bundles: defaults and demo users.
(cd "$WORK_DIR" && exec "${CLEAN_ENV[@]}" AUTHGATE_HTTP_PORT="$GATEWAY_PORT" \
  java "${JAVA_OPTS[@]}" -jar "$BUILD_DIR/authgate.jar" >"$WORK_DIR/gateway.log" 2>&1) &
GATEWAY_PID=$!
remember_pid "$GATEWAY_PID"
await_ready "$GATEWAY_URL/health/ready" "$GATEWAY_PID" "$WORK_DIR/gateway.log" 90
# Log line: "Started redis-server 7.0.15 (PATH /usr/bin/redis-server) on 127.0.0.1:37221, pid 30422".
read -r REDIS_VERSION REDIS_PORT REDIS_PID < <(sed -nE \
  's/.*Started redis-server ([^ ]+) .* on 127\.0\.0\.1:([0-9]+), pid ([0-9]+).*/\1 \2 \3/p' "$WORK_DIR/gateway.log") \
  || true
if [[ -z "${REDIS_PID:-}" ]]; then
  echo "No 'Started redis-server ... on 127.0.0.1:PORT, pid PID' line in $WORK_DIR/gateway.log." \
    "The bare server needs the embedded Redis's port." >&2
  exit 1
fi
echo "    gateway PID $GATEWAY_PID at $GATEWAY_URL, embedded Redis $REDIS_VERSION PID $REDIS_PID on port $REDIS_PORT"
sample_rss "$GATEWAY_PID" "$WORK_DIR/gateway-rss-kib.txt" &
remember_pid $!

echo "--- Starting the bare Vert.x server against the same Redis"
BARE_PORT=$(free_port)
BARE_URL="http://127.0.0.1:$BARE_PORT"
java "${JAVA_OPTS[@]}" -cp "$TEST_CP" dev.authgate.bench.BareRedisServer "$BARE_PORT" \
  "redis://127.0.0.1:$REDIS_PORT" >"$WORK_DIR/bare.log" 2>&1 &
BARE_PID=$!
remember_pid "$BARE_PID"
await_ready "$BARE_URL/hello" "$BARE_PID" "$WORK_DIR/bare.log" 30

source "$SCRIPTS/phases.sh"
run_login_phases
log_in_session_sets
run_refresh_phases
run_profile_phases
run_verify_phases
run_overload_phase

LOAD_AFTER=$(uptime)
source "$SCRIPTS/report.sh"
print_report
