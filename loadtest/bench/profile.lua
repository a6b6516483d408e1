-- GET /me with bearer tokens, or GET /profile/<userId> on the bare server, round-robin over sessions
-- logged in beforehand. Both read the same Redis key, the user's profile body.
-- Arguments after "--": me|bare TOKEN_FILE THREADS [RATE]. Each line of the file is "userId accessToken".
-- RATE, when above 0, caps the requests per second of the whole run (spread evenly over the threads).

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local requests = {}
local position = 0

function init(args)
  local mode, path, threads, rate = args[1], args[2], tonumber(args[3]), tonumber(args[4] or "0")
  if (mode ~= "me" and mode ~= "bare") or not path or not threads then
    error("usage: wrk ... -s profile.lua URL -- me|bare TOKEN_FILE THREADS [RATE]")
  end
  for _, line in ipairs(bench_read_lines(path)) do
    local user_id, token = line:match("^(%S+)%s+(%S+)$")
    if mode == "me" then
      table.insert(requests, wrk.format("GET", "/me", { ["Authorization"] = "Bearer " .. token }))
    else
      table.insert(requests, wrk.format("GET", "/profile/" .. user_id))
    end
  end
  position = math.floor(#requests * bench_thread_index / threads)
  if rate > 0 then
    delay = bench_pacer(rate / threads)
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end
