-- POST /auth/refresh with chained refresh tokens. Each refresh token works once, so every response's new
-- refresh token goes back into this thread's queue and a later request sends it. Re-sending a used token
-- would measure the replay path instead (the same pair returned within the grace window).
-- Arguments after "--": TOKEN_FILE THREADS. The file contains one refresh token per line, from sessions
-- logged in beforehand. Thread i takes lines i, i+THREADS, ... so that no two threads share a session. Give
-- each thread at least as many sessions as connections.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local queue = {}
local head, tail = 1, 0
local last_sent = nil
starved = 0
failed = 0

local function push(token)
  tail = tail + 1
  queue[tail] = token
end

function init(args)
  local path, threads = args[1], tonumber(args[2])
  if not path or not threads then
    error("usage: wrk ... -s refresh.lua URL -- TOKEN_FILE THREADS")
  end
  for index, token in ipairs(bench_read_lines(path)) do
    if (index - 1) % threads == bench_thread_index then
      push(token)
    end
  end
end

function request()
  local token
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
  else
    -- Every session of this thread is in flight or lost to an error. Re-sending the last token gets the
    -- replayed pair, which puts a token back in the queue. done() reports how often this happened.
    starved = starved + 1
    token = last_sent
  end
  last_sent = token
  return wrk.format("POST", "/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
  local token = status == 200 and body:match('"refresh_token":"([^"]+)"')
  if token then
    push(token)
  else
    failed = failed + 1
  end
end

function done(summary, latency)
  bench_print_result(summary, latency, string.format("failed=%d starved=%d",
    bench_sum_over_threads("failed"), bench_sum_over_threads("starved")))
end
