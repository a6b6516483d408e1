# Measurement helpers for loadtest/bench.sh, which sources this file: wrk runs with CPU accounting, the
# RESULT lines that the Lua scripts print, arithmetic on decimals, and table rows.

declare -A RESULTS=()

# Prints the CPU seconds used so far by the whole machine, the gateway, its Redis and the bare server, in
# that order. A server that has not started yet counts 0.
cpu_snapshot() {
  echo "$(machine_cpu_seconds) $(process_cpu_seconds "${GATEWAY_PID:-none}")" \
    "$(process_cpu_seconds "${REDIS_PID:-none}") $(process_cpu_seconds "${BARE_PID:-none}")"
}

# run_wrk NAME WRK_ARGUMENTS...
# Runs wrk and stores its RESULT line under NAME with CPU fields added. Each *_cores field is CPU time
# divided by wall time, so 1.00 is one core fully busy. wrk_cores is for wrk, and gateway_cores,
# redis_cores and bare_cores are for the servers. other_cores covers every process that this script did not
# start, such as other people's builds. server_us and redis_us are the CPU microseconds per request of the
# server under test (gateway or bare server) and of Redis.
run_wrk() {
  local name=$1
  shift
  local out="$WORK_DIR/wrk-$name.txt" timing="$WORK_DIR/wrk-$name.time"
  local before start
  read -r -a before < <(cpu_snapshot)
  start=$(date +%s.%N)

  local TIMEFORMAT='%U %S'
  if ! { time wrk "$@" >"$out" 2>&1; } 2>"$timing"; then
    echo "wrk failed in phase $name. Its output:" >&2
    cat "$out" >&2
    return 1
  fi

  local after elapsed wrk_cpu machine gateway redis bare other line requests
  read -r -a after < <(cpu_snapshot)
  elapsed=$(calc "$(date +%s.%N) - $start")
  wrk_cpu=$(awk '{ print $1 + $2 }' "$timing")
  machine=$(calc "${after[0]} - ${before[0]}")
  gateway=$(calc "${after[1]} - ${before[1]}")
  redis=$(calc "${after[2]} - ${before[2]}")
  bare=$(calc "${after[3]} - ${before[3]}")
  if ! line=$(grep '^RESULT ' "$out"); then
    echo "wrk printed no RESULT line in phase $name. Its output:" >&2
    cat "$out" >&2
    return 1
  fi

  # An estimate from counters sampled at slightly different moments, so a small negative value means 0.
  other=$(calc "($machine - $gateway - $redis - $bare - $wrk_cpu) / $elapsed")
  if [[ "$other" == -* ]]; then
    other=0.00
  fi
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  line+=" wrk_cores=$(calc "$wrk_cpu / $elapsed") gateway_cores=$(calc "$gateway / $elapsed")"
  line+=" redis_cores=$(calc "$redis / $elapsed") bare_cores=$(calc "$bare / $elapsed") other_cores=$other"
  line+=" server_us=$(calc "1e6 * ($gateway + $bare) / ($requests + 1e-9)")"
  line+=" redis_us=$(calc "1e6 * $redis / ($requests + 1e-9)")"
  RESULTS[$name]=$line
  echo "    ${line#RESULT }"
}

# field NAME KEY: prints the value of KEY in the RESULT line of phase NAME, or "n/a" when there is none.
field() {
  local line=" ${RESULTS[$1]:-} "
  if [[ "$line" =~ \ $2=([^ ]+)\  ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo "n/a"
  fi
}

# calc EXPRESSION: evaluates a decimal expression with awk and prints it with two decimals.
calc() {
  awk "BEGIN { printf \"%.2f\", $1 }"
}

# verdict VALUE OPERATOR LIMIT: prints PASS or FAIL for VALUE < LIMIT (lt), <= (le) or >= (ge), and n/a
# when VALUE is not a number.
verdict() {
  local value=$1 operator=$2 limit=$3
  if ! [[ "$value" =~ ^-?[0-9.]+$ ]]; then
    echo "n/a"
    return
  fi
  awk -v v="$value" -v l="$limit" -v op="$operator" 'BEGIN {
    ok = (op == "lt" && v < l) || (op == "le" && v <= l) || (op == "ge" && v >= l)
    print ok ? "PASS" : "FAIL"
  }'
}

# latency NAME: prints "p50 / p90 / p99 ms" of phase NAME.
latency() {
  echo "$(field "$1" p50_ms) / $(field "$1" p90_ms) / $(field "$1" p99_ms) ms"
}

row() {
  printf '| %s | %s | %s | %s | %s |\n' "$@"
}
