-- POST /auth/login offered at a fixed total rate above capacity, to check that the gateway sheds the excess
-- with 503 and Retry-After at once instead of queueing it into client timeouts.
-- Arguments after "--": CSV_FILE THREADS RATE. Run it with one connection per thread (-t N -c N), so that
-- request() and response() of a thread always belong to the same request. Then this script can time each
-- response by its status, which wrk's own latency figures do not split.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local requests = {}
local position = 0
local sent_at = nil
admitted_ms = {}
rejected_ms = {}
rejected_without_retry_after = 0
other_status = 0

function init(args)
  local csv, threads, rate = args[1], tonumber(args[2]), tonumber(args[3])
  if not csv or not threads or not rate then
    error("usage: wrk -tN -cN ... -s overload.lua URL -- CSV_FILE THREADS RATE")
  end
  for index, line in ipairs(bench_read_lines(csv)) do
    local username, password = line:match("^([^,]+),([^,]+)")
    if index > 1 and username and username ~= "dave" then
      local body = string.format('{"username":"%s","password":"%s"}', username, password)
      table.insert(requests, wrk.format("POST", "/auth/login", { ["Content-Type"] = "application/json" }, body))
    end
  end
  position = math.floor(#requests * bench_thread_index / threads)

  -- Threads start together. A random first wait spreads them over one interval instead of one burst.
  local paced = bench_pacer(rate / threads)
  local interval_ms = threads * 1000 / rate
  math.randomseed(bench_thread_index * 7919 + os.time())
  local first = true
  delay = function()
    if first then
      first = false
      paced()
      return math.random() * interval_ms
    end
    return paced()
  end
end

function request()
  position = position % #requests + 1
  sent_at = bench_now_ms()
  return requests[position]
end

local function has_retry_after(headers)
  for name, _ in pairs(headers) do
    if name:lower() == "retry-after" then
      return true
    end
  end
  return false
end

function response(status, headers, body)
  local elapsed = bench_now_ms() - sent_at
  if status == 200 then
    table.insert(admitted_ms, elapsed)
  elseif status == 503 then
    table.insert(rejected_ms, elapsed)
    if not has_retry_after(headers) then
      rejected_without_retry_after = rejected_without_retry_after + 1
    end
  else
    other_status = other_status + 1
  end
end

local function collect(name)
  local all = {}
  for _, thread in ipairs(bench_threads) do
    for _, value in ipairs(thread:get(name) or {}) do
      table.insert(all, value)
    end
  end
  table.sort(all)
  return all
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0
  end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency)
  local admitted, rejected = collect("admitted_ms"), collect("rejected_ms")
  local seconds = summary.duration / 1e6
  bench_print_result(summary, latency, string.format(
    "admitted=%d admitted_rps=%.1f admitted_p50_ms=%.1f admitted_p99_ms=%.1f admitted_max_ms=%.1f "
      .. "rejected=%d rejected_rps=%.1f rejected_p50_ms=%.2f rejected_p99_ms=%.2f rejected_max_ms=%.2f "
      .. "rejected_without_retry_after=%d other_status=%d",
    #admitted, #admitted / seconds, percentile(admitted, 50), percentile(admitted, 99), percentile(admitted, 100),
    #rejected, #rejected / seconds, percentile(rejected, 50), percentile(rejected, 99), percentile(rejected, 100),
    bench_sum_over_threads("rejected_without_retry_after"), bench_sum_over_threads("other_status")))
end
