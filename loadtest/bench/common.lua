-- Helpers shared by the wrk scripts of loadtest/bench.sh. Each script loads this file first with dofile.
--
-- wrk runs one Lua state per thread plus one for setup() and done(). setup() numbers the threads, so that a
-- thread can take its own share of users or sessions in init(), and keeps them for done() to collect
-- counters from.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("bench_timespec")

-- Milliseconds on the monotonic clock, with sub-millisecond precision. os.clock() is CPU time and
-- os.time() has whole seconds, so neither can pace requests or time one.
function bench_now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- Returns the non-empty lines of a file, and stops wrk with the path when the file cannot be read.
function bench_read_lines(path)
  local file, err = io.open(path, "r")
  if not file then
    error("cannot read " .. tostring(path) .. ": " .. tostring(err))
  end
  local lines = {}
  for line in file:lines() do
    if line ~= "" then
      table.insert(lines, line)
    end
  end
  file:close()
  return lines
end

-- Returns a delay() function that sends at most rate_per_second requests per second from this thread,
-- whatever its number of connections. Each call books the next free send time, so connections take turns.
-- When the server falls behind, missed send times are dropped instead of sent in a burst.
function bench_pacer(rate_per_second)
  local interval_ms = 1000 / rate_per_second
  local next_send = nil
  return function()
    local now = bench_now_ms()
    if next_send == nil or next_send < now - interval_ms then
      next_send = now
    else
      next_send = next_send + interval_ms
    end
    local wait = next_send - now
    return wait > 0 and wait or 0
  end
end

bench_threads = {}
local thread_count = 0

function setup(thread)
  thread:set("bench_thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(bench_threads, thread)
end

-- Prints one line that bench.sh reads: "RESULT key=value ...". rps counts every response, ok_rps only those
-- below 400. Latencies are wrk's own, in milliseconds, from the first byte written to the last byte read.
-- extra is appended as it is.
function bench_print_result(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local fields = {
    string.format("requests=%d", summary.requests),
    string.format("seconds=%.2f", seconds),
    string.format("rps=%.1f", summary.requests / seconds),
    string.format("ok_rps=%.1f", (summary.requests - e.status) / seconds),
    string.format("p50_ms=%.2f", latency:percentile(50) / 1000),
    string.format("p90_ms=%.2f", latency:percentile(90) / 1000),
    string.format("p99_ms=%.2f", latency:percentile(99) / 1000),
    string.format("max_ms=%.2f", latency.max / 1000),
    string.format("status_errors=%d", e.status),
    string.format("socket_errors=%d", e.connect + e.read + e.write),
    string.format("timeouts=%d", e.timeout),
  }
  if extra and extra ~= "" then
    table.insert(fields, extra)
  end
  io.write("RESULT ", table.concat(fields, " "), "\n")
end

-- Adds up a numeric global over all threads.
function bench_sum_over_threads(name)
  local total = 0
  for _, thread in ipairs(bench_threads) do
    total = total + (thread:get(name) or 0)
  end
  return total
end

function done(summary, latency)
  bench_print_result(summary, latency, "")
end
