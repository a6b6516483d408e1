# The wrk phases of loadtest/bench.sh, which sources this file after starting the gateway (GATEWAY_URL)
# and the bare server (BARE_URL). Each endpoint gets a short warm-up run first, so that the JIT has compiled
# its path before the measured run. Every run is bounded by wrk's -d and goes to 127.0.0.1 only.

WRK_TIMEOUT=5s

# Prints "SUM COUNT" of the gateway's password verify timer, from GET /metrics.
verify_timer() {
  curl -s --max-time 5 "$GATEWAY_URL/metrics" | awk '
    $1 ~ /^authgate_password_verify_seconds_sum/ { sum = $2 }
    $1 ~ /^authgate_password_verify_seconds_count/ { count = $2 }
    END { print sum + 0, count + 0 }'
}

run_login_phases() {
  # The verify pool admits workers + queue-size logins at once and rejects the rest with 503. One
  # connection per admission slot keeps every worker busy and the queue full, and never gets a 503.
  LOGIN_CONNECTIONS=$(curl -s --max-time 5 "$GATEWAY_URL/metrics" \
    | awk '/^authgate_password_queue_capacity/ { printf "%d", $2 }')
  if ! [[ "$LOGIN_CONNECTIONS" =~ ^[1-9][0-9]*$ ]]; then
    echo "GET /metrics has no authgate_password_queue_capacity, so the login phase cannot size itself." >&2
    return 1
  fi
  echo "--- Login: POST /auth/login round-robin over the demo users, $LOGIN_CONNECTIONS connections"
  local login=(-t1 -c"$LOGIN_CONNECTIONS" --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/login.lua" "$GATEWAY_URL"
    -- "$USERS_CSV" 1)
  run_wrk login-warm-up -d"${WARM_UP_SECONDS}s" "${login[@]}"

  local sum_before count_before sum_after count_after
  read -r sum_before count_before < <(verify_timer)
  run_wrk login -d"${PHASE_SECONDS}s" "${login[@]}"
  read -r sum_after count_after < <(verify_timer)
  # The time one verification took on a worker during the measured run, from the gateway's own timer.
  LOGIN_VERIFY_MS=$(calc "1000 * ($sum_after - $sum_before) / ($count_after - $count_before)")
  echo "    mean password verification inside the gateway: $LOGIN_VERIFY_MS ms"
}

# Prints the "sub" claim of a JWT. The payload is base64url without padding, which base64 -d needs back.
jwt_subject() {
  local payload
  payload=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while ((${#payload} % 4 != 0)); do
    payload+="="
  done
  base64 -d <<<"$payload" | sed -nE 's/.*"sub":"([^"]+)".*/\1/p'
}

# Logs in 3 × SESSIONS distinct demo users with curl and writes three files. The first two contain refresh
# tokens, for the refresh warm-up and for the measured refresh run, because a used refresh token cannot be
# sent again. The third contains "userId accessToken" lines for the profile and verify phases.
log_in_session_sets() {
  echo "--- Logging in $((3 * SESSIONS)) sessions for the refresh, profile and verify phases"
  : >"$WORK_DIR/refresh-warm-up.txt"
  : >"$WORK_DIR/refresh.txt"
  : >"$WORK_DIR/access.txt"
  local index=0 username password body access
  while IFS=, read -r username password _; do
    body=$(curl -s -f --max-time 10 -X POST "$GATEWAY_URL/auth/login" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$username\",\"password\":\"$password\"}") || {
      echo "Login of demo user $username failed. See $WORK_DIR/gateway.log" >&2
      return 1
    }
    if ((index < SESSIONS)); then
      sed -nE 's/.*"refresh_token":"([^"]+)".*/\1/p' <<<"$body" >>"$WORK_DIR/refresh-warm-up.txt"
    elif ((index < 2 * SESSIONS)); then
      sed -nE 's/.*"refresh_token":"([^"]+)".*/\1/p' <<<"$body" >>"$WORK_DIR/refresh.txt"
    else
      access=$(sed -nE 's/.*"access_token":"([^"]+)".*/\1/p' <<<"$body")
      echo "$(jwt_subject "$access") $access" >>"$WORK_DIR/access.txt"
    fi
    index=$((index + 1))
  done < <(tail -n +2 "$USERS_CSV" | grep -v '^dave,' | head -n $((3 * SESSIONS)))
}

run_refresh_phases() {
  echo "--- Refresh: POST /auth/refresh, each response's refresh token chained into the next request"
  local refresh=(-t1 -c"$REFRESH_CONNECTIONS" --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/refresh.lua" "$GATEWAY_URL" --)
  run_wrk refresh-warm-up -d"${WARM_UP_SECONDS}s" "${refresh[@]}" "$WORK_DIR/refresh-warm-up.txt" 1
  run_wrk refresh -d"${PHASE_SECONDS}s" "${refresh[@]}" "$WORK_DIR/refresh.txt" 1
}

run_profile_phases() {
  echo "--- Profile: bare GET /profile/USER_ID (one Redis GET), then the gateway's GET /me"
  local profile=(-t1 -c"$CONNECTIONS" --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/profile.lua")
  run_wrk bare-profile-warm-up -d"${WARM_UP_SECONDS}s" "${profile[@]}" "$BARE_URL" -- bare "$WORK_DIR/access.txt" 1
  run_wrk bare-profile -d"${PHASE_SECONDS}s" "${profile[@]}" "$BARE_URL" -- bare "$WORK_DIR/access.txt" 1
  run_wrk me-warm-up -d"${WARM_UP_SECONDS}s" "${profile[@]}" "$GATEWAY_URL" -- me "$WORK_DIR/access.txt" 1
  run_wrk me -d"${PHASE_SECONDS}s" "${profile[@]}" "$GATEWAY_URL" -- me "$WORK_DIR/access.txt" 1

  ME_HALF_RATE=$(calc "$(field me ok_rps) / 2")
  echo "--- GET /me paced at half that throughput: $ME_HALF_RATE requests/s, $PACED_CONNECTIONS connections"
  run_wrk me-half-rate -d"${PHASE_SECONDS}s" -t1 -c"$PACED_CONNECTIONS" --timeout "$WRK_TIMEOUT" \
    -s "$SCRIPTS/profile.lua" "$GATEWAY_URL" -- me "$WORK_DIR/access.txt" 1 "$ME_HALF_RATE"
}

run_verify_phases() {
  echo "--- Bare GET /hello, then /auth/verify with one cached token"
  local fixed=(-t1 -c"$CONNECTIONS" --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/fixed.lua")
  run_wrk hello-warm-up -d"${WARM_UP_SECONDS}s" "${fixed[@]}" "$BARE_URL/hello" -- 1
  run_wrk hello -d"${PHASE_SECONDS}s" "${fixed[@]}" "$BARE_URL/hello" -- 1

  # Envoy's form: the original request's path follows /auth/verify. The development-mode rules let a
  # token with accounts:read GET /accounts/**.
  local token status
  token=$(head -n 1 "$WORK_DIR/access.txt" | cut -d' ' -f2)
  VERIFY_URL="$GATEWAY_URL/auth/verify/accounts/1"
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $token" "$VERIFY_URL")
  if [[ "$status" == 404 ]]; then
    VERIFY_MISSING="n/a (endpoint missing)"
    echo "    $VERIFY_URL returned 404: $VERIFY_MISSING"
    return 0
  elif [[ "$status" != 200 ]]; then
    VERIFY_MISSING="n/a ($VERIFY_URL returned $status for a valid token)"
    echo "    $VERIFY_MISSING"
    return 0
  fi

  local verify=(-H "Authorization: Bearer $token" "${fixed[@]}" "$VERIFY_URL" -- 1)
  run_wrk verify-warm-up -d"${WARM_UP_SECONDS}s" "${verify[@]}"
  run_wrk verify -d"${PHASE_SECONDS}s" "${verify[@]}"

  VERIFY_HALF_RATE=$(calc "$(field verify ok_rps) / 2")
  echo "--- /auth/verify paced at half that throughput: $VERIFY_HALF_RATE requests/s"
  run_wrk verify-half-rate -d"${PHASE_SECONDS}s" -H "Authorization: Bearer $token" -t1 -c"$PACED_CONNECTIONS" \
    --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/fixed.lua" "$VERIFY_URL" -- 1 "$VERIFY_HALF_RATE"
}

run_overload_phase() {
  OVERLOAD_RATE=$(calc "2 * $(field login ok_rps)")
  echo "--- Overload: logins offered at $OVERLOAD_RATE/s (twice the measured login throughput)," \
    "$OVERLOAD_CONNECTIONS connections"
  run_wrk overload -d"$((PHASE_SECONDS + 3))s" -t"$OVERLOAD_CONNECTIONS" -c"$OVERLOAD_CONNECTIONS" \
    --timeout "$WRK_TIMEOUT" -s "$SCRIPTS/overload.lua" "$GATEWAY_URL" -- \
    "$USERS_CSV" "$OVERLOAD_CONNECTIONS" "$OVERLOAD_RATE"
}
