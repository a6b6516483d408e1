# The report of loadtest/bench.sh, which sources this file once every phase has run: the machine, then a
# Markdown table of figures, ratios, goals and verdicts, then the CPU and errors of each wrk phase.

print_machine() {
  echo "Command: loadtest/bench.sh (BENCH_PHASE_SECONDS=$PHASE_SECONDS, BENCH_WARM_UP_SECONDS=$WARM_UP_SECONDS," \
    "BENCH_CEILING_SECONDS=$CEILING_SECONDS, BENCH_JAVA_OPTS=\"${JAVA_OPTS[*]}\")"
  echo "Started: $STARTED_AT"
  echo "Machine: $CORES cores (nproc), $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "CPU $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "Java: $(java -version 2>&1 | sed -n 2p)"
  echo "Redis: $REDIS_VERSION (embedded, started by the gateway); wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f2)"
  echo "libsodium: $(ceiling hash.libsodium_direct.library)"
  echo "Load average (1, 5, 15 min) before the run: ${LOAD_BEFORE#*load average: }; after: ${LOAD_AFTER#*load average: }"
  echo "Load generator (wrk), gateway, its Redis and the bare server share these $CORES cores."
}

# Prints the ratio A / B with two decimals, or n/a when either is not a number.
ratio() {
  if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] && [[ "$2" != 0 && "$2" != 0.00 ]]; then
    calc "$1 / $2"
  else
    echo "n/a"
  fi
}

print_ceiling_rows() {
  local auto direct java
  auto=$(ceiling hash.auto.per_second)
  direct=$(ceiling hash.libsodium_direct.per_second)
  java=$(ceiling hash.bouncycastle.per_second)
  row "Hash ceiling: PasswordHasher, engine auto ($(ceiling hash.auto.engine)), $(ceiling threads) threads, $(ceiling argon2)" \
    "$auto verifications/s" "-" "-" "-"
  row "Hash ceiling: libsodium crypto_pwhash_str_verify called directly" "$direct verifications/s" \
    "$(ratio "$direct" "$auto") × PasswordHasher" "-" "-"
  row "Hash ceiling: BouncyCastle (pure Java)" "$java verifications/s" "$(ratio "$java" "$auto") × PasswordHasher" "-" "-"
  row "One verification on 1 thread (PasswordHasher)" "$(ceiling hash.single_thread_ms) ms" "-" "-" "-"
  row "Signing ceiling: $(ceiling sign.algorithm), one AccessTokenIssuer per thread, $(ceiling threads) threads" \
    "$(ceiling sign.per_second) tokens/s" "-" "-" "-"
}

print_gateway_rows() {
  local value
  value=$(ratio "$(field login ok_rps)" "$(ceiling hash.auto.per_second)")
  row "Login, POST /auth/login, $LOGIN_CONNECTIONS connections (the verify pool's capacity)" "$(field login ok_rps)/s; $(latency login)" \
    "$value × hash ceiling" "≥ 0.90" "$(verdict "$value" ge 0.90)"
  value=$(ratio "$(field refresh ok_rps)" "$(ceiling sign.per_second)")
  row "Refresh, chained tokens, $REFRESH_CONNECTIONS connections" \
    "$(field refresh ok_rps)/s ($(calc "$(field refresh ok_rps) / $CORES")/s per core); $(latency refresh)" \
    "$value × signing ceiling" "≥ 0.75" "$(verdict "$value" ge 0.75)"
  row "Bare server: GET /profile/USER_ID, one pooled Redis GET, $CONNECTIONS connections" \
    "$(field bare-profile ok_rps)/s; $(latency bare-profile)" "-" "-" "-"
  value=$(ratio "$(field me ok_rps)" "$(field bare-profile ok_rps)")
  row "GET /me, $CONNECTIONS connections" "$(field me ok_rps)/s; $(latency me)" "$value × bare Redis GET" "≥ 0.60" \
    "$(verdict "$value" ge 0.60)"
  row "GET /me paced at half its throughput ($ME_HALF_RATE/s), $PACED_CONNECTIONS connections" \
    "$(field me-half-rate ok_rps)/s achieved; $(latency me-half-rate)" "-" "p99 < 2 ms" \
    "$(verdict "$(field me-half-rate p99_ms)" lt 2)"
  row "Bare server: GET /hello, $CONNECTIONS connections" "$(field hello ok_rps)/s; $(latency hello)" "-" "-" "-"
  if [[ -n "${VERIFY_MISSING:-}" ]]; then
    row "/auth/verify, one cached token" "$VERIFY_MISSING" "-" "≥ 0.70" "n/a"
    return
  fi
  value=$(ratio "$(field verify ok_rps)" "$(field hello ok_rps)")
  row "/auth/verify, one cached token, $CONNECTIONS connections" "$(field verify ok_rps)/s; $(latency verify)" \
    "$value × bare hello" "≥ 0.70" "$(verdict "$value" ge 0.70)"
  row "/auth/verify paced at half its throughput ($VERIFY_HALF_RATE/s), $PACED_CONNECTIONS connections" \
    "$(field verify-half-rate ok_rps)/s achieved; $(latency verify-half-rate)" "-" "p99 < 1 ms" \
    "$(verdict "$(field verify-half-rate p99_ms)" lt 1)"
}

print_overload_rows() {
  local admitted_limit rss_max_kib rss_mb
  admitted_limit=$(calc "5 * $(ceiling hash.single_thread_ms)")
  row "Overload: logins offered at 2 × login throughput = $OVERLOAD_RATE/s, $OVERLOAD_CONNECTIONS connections" \
    "$(field overload rps)/s answered; admitted $(field overload admitted_rps)/s; $(field overload rejected) × 503" \
    "$(ratio "$(field overload admitted_rps)" "$(field login ok_rps)") × login throughput" "-" "-"
  row "Overload: 503 latency, p50 / p99 / max" \
    "$(field overload rejected_p50_ms) / $(field overload rejected_p99_ms) / $(field overload rejected_max_ms) ms" \
    "-" "p99 < 20 ms" "$(verdict "$(field overload rejected_p99_ms)" lt 20)"
  row "Overload: 503 without Retry-After" "$(field overload rejected_without_retry_after)" "-" "0" \
    "$(verdict "$(field overload rejected_without_retry_after)" le 0)"
  row "Overload: admitted login latency, p50 / p99" \
    "$(field overload admitted_p50_ms) / $(field overload admitted_p99_ms) ms" \
    "$(ratio "$(field overload admitted_p99_ms)" "$(ceiling hash.single_thread_ms)") × one verification" \
    "p99 < 5 × one verification = $admitted_limit ms" "$(verdict "$(field overload admitted_p99_ms)" lt "$admitted_limit")"
  row "Overload: timeouts (5 s), socket errors, other statuses" \
    "$(field overload timeouts), $(field overload socket_errors), $(field overload other_status)" "-" "timeouts = 0" \
    "$(verdict "$(field overload timeouts)" le 0)"

  rss_max_kib=$(sort -n "$WORK_DIR/gateway-rss-kib.txt" | tail -n 1)
  rss_mb=$(calc "$rss_max_kib * 1024 / 1000000")
  row "Memory: max resident set size of the gateway JVM, sampled every 0.5 s (${JAVA_OPTS[*]})" "$rss_mb MB" "-" \
    "< 300 MB" "$(verdict "$rss_mb" lt 300)"
}

print_phase_table() {
  echo
  echo "| wrk phase | requests | rps below 400 | errors: status / socket / timeouts |" \
    "CPU cores: wrk / gateway / Redis / bare / others | CPU µs per request: server / Redis |"
  echo "|---|---|---|---|---|---|"
  local name
  for name in login refresh bare-profile me me-half-rate hello verify verify-half-rate overload; do
    [[ -n "${RESULTS[$name]:-}" ]] || continue
    echo "| $name | $(field "$name" requests) | $(field "$name" ok_rps) |" \
      "$(field "$name" status_errors) / $(field "$name" socket_errors) / $(field "$name" timeouts) |" \
      "$(field "$name" wrk_cores) / $(field "$name" gateway_cores) / $(field "$name" redis_cores) /" \
      "$(field "$name" bare_cores) / $(field "$name" other_cores) |" \
      "$(field "$name" server_us) / $(field "$name" redis_us) |"
  done
  echo
  echo "Others' CPU during the in-process ceilings: $CEILINGS_OTHER_CORES cores."
  echo "Mean password verification inside the gateway during the login run: $LOGIN_VERIFY_MS ms."
  echo "Refresh: $(field refresh failed) non-200 responses, $(field refresh starved) requests sent without a fresh token."
  echo "Status errors are responses of 400 and above. In the overload phase the 503s are expected."
  echo "The server is the gateway or the bare server, whichever the phase sends its requests to."
}

print_report() {
  echo
  echo "=== Side-by-side benchmark"
  print_machine
  echo
  row "Figure" "Result" "Ratio (same run)" "Goal" "Verdict"
  row "---" "---" "---" "---" "---"
  print_ceiling_rows
  print_gateway_rows
  print_overload_rows
  print_phase_table
}
