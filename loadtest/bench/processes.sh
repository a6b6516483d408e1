# Process helpers for loadtest/bench.sh, which sources this file: free ports, servers started in the
# background and stopped by PID, readiness waits and the RSS sampler. Every server binds to 127.0.0.1.

STARTED_PIDS=()

# Prints a port that nothing on 127.0.0.1 accepts connections on. Another process may still take it before
# the server binds. The readiness wait then fails and names the log.
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

# Records a PID for stop_started_processes.
remember_pid() {
  STARTED_PIDS+=("$1")
}

# Stops one process: SIGTERM, then SIGKILL after 30 s. SIGTERM lets the gateway run its shutdown, which also
# stops its embedded Redis.
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "PID $pid did not stop within 30 s after SIGTERM. Sending SIGKILL." >&2
  kill -9 "$pid" 2>/dev/null || true
}

# Stops every recorded process, newest first, so that samplers and the bare server go before the gateway.
stop_started_processes() {
  local i
  for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${STARTED_PIDS[$i]}"
  done
  # A gateway killed with SIGKILL leaves its embedded Redis running: stop it by the PID from the gateway log.
  if [[ -n "${REDIS_PID:-}" ]]; then
    stop_pid "$REDIS_PID"
  fi
}

# Waits until URL returns 200, or fails with the last lines of LOG when PID exits or TIMEOUT seconds pass.
await_ready() {
  local url=$1 pid=$2 log=$3 timeout=$4
  local deadline=$((SECONDS + timeout))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "PID $pid exited before $url returned 200. Last lines of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$url did not return 200 within $timeout s. Last lines of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Appends the VmRSS of PID, in KiB, to FILE every half second while PID runs. Runs in the background.
sample_rss() {
  local pid=$1 file=$2
  while kill -0 "$pid" 2>/dev/null; do
    awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >>"$file" 2>/dev/null || true
    sleep 0.5
  done
}

# Prints the CPU seconds (user + system) that PID has used so far, or 0 when there is no such process.
process_cpu_seconds() {
  local pid=$1 ticks
  ticks=$(getconf CLK_TCK)
  # utime and stime are fields 14 and 15 of /proc/PID/stat. The command name in field 2 may contain
  # spaces, so the fields are counted from the ')' that ends it.
  awk -v ticks="$ticks" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / ticks }' "/proc/$pid/stat" 2>/dev/null \
    || echo 0
}

# Prints the CPU seconds that the whole machine has spent so far in user, nice, system, irq and softirq
# time. Idle, iowait and steal (time the hypervisor gave to other guests) are left out.
machine_cpu_seconds() {
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v ticks="$ticks" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8) / ticks }' /proc/stat
}
