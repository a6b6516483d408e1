#!/usr/bin/env bash
# Smoke load test for CI. Starts a development-mode gateway on a free loopback port, runs a 10-second
# PeakMixSimulation against it and exits with Gatling's status, which is non-zero when a goal is missed.
# Extra arguments go to Maven, for example: ./smoke.sh -Drate=40
# Environment: READY_TIMEOUT_SECONDS (default 60) bounds the wait for /health/ready.
set -euo pipefail

LOADTEST_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT_DIR=$(dirname "$LOADTEST_DIR")
JAR="$ROOT_DIR/target/authgate.jar"
LOG="$LOADTEST_DIR/target/smoke-gateway.log"
READY_TIMEOUT_SECONDS=${READY_TIMEOUT_SECONDS:-60}

# Prints a port that nothing on 127.0.0.1 accepts connections on. Another process may still take it before
# the gateway binds. The gateway then fails to start, and the readiness wait below reports it.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "No free port found on 127.0.0.1 after 50 tries." >&2
  return 1
}

stop_gateway() {
  if [[ -n "${GATEWAY_PID:-}" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    # SIGTERM runs the gateway's shutdown, which gives Vert.x up to 10 s and then stops the embedded Redis.
    # A SIGKILL before that would leave the embedded Redis running, so it is only the last resort.
    kill "$GATEWAY_PID"
    for _ in $(seq 1 60); do
      kill -0 "$GATEWAY_PID" 2>/dev/null || return 0
      sleep 0.5
    done
    echo "Gateway PID $GATEWAY_PID did not stop within 30 s; killing it. Its embedded Redis may still run." >&2
    kill -9 "$GATEWAY_PID" 2>/dev/null || true
  fi
}

if [[ ! -f "$JAR" ]]; then
  echo "--- Building $JAR"
  (cd "$ROOT_DIR" && mvn -B -q -DskipTests package)
fi

PORT=$(free_port)
BASE_URL="http://127.0.0.1:$PORT"
mkdir -p "$(dirname "$LOG")"
trap stop_gateway EXIT
echo "--- Starting a development-mode gateway at $BASE_URL (log: $LOG)"
# Without a configuration file or a Redis URL, the gateway runs in development mode. It then listens on
# loopback only and seeds the demo users into an embedded Redis of its own. Unsetting these variables keeps
# a CI environment from switching it to another mode or another Redis.
(cd "$ROOT_DIR" && exec env -u AUTHGATE_CONFIG -u AUTHGATE_MODE -u AUTHGATE_REDIS_URL \
  AUTHGATE_HTTP_PORT="$PORT" java -jar "$JAR" >"$LOG" 2>&1) &
GATEWAY_PID=$!
echo "Gateway PID $GATEWAY_PID"

echo "--- Waiting up to $READY_TIMEOUT_SECONDS s for $BASE_URL/health/ready"
deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/health/ready" || true)" == 200 ]]; do
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "The gateway exited before it was ready. Last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "The gateway was not ready after $READY_TIMEOUT_SECONDS s. Last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  sleep 1
done

echo "--- Running PeakMixSimulation for 10 s at 20 requests/s"
# The smoke test checks that every request succeeds, so no failure is allowed. Its latency goals are looser
# than the defaults: in 220 requests to a JVM that has just started, p99 is the third-slowest request, often
# one sent while the JVM was still warming up. The full simulations hold the default goals.
status=0
(cd "$LOADTEST_DIR" && mvn -B -q gatling:test \
  -Dgatling.simulationClass=authgate.loadtest.PeakMixSimulation \
  -DbaseUrl="$BASE_URL" -Dduration=10 -Drate=20 \
  -DmaxFailedPercent=0 -Dp95Ms=500 -Dp99Ms=1000 "$@") || status=$?
exit "$status"
