-- POST /auth/login as the users of a CSV file (username,password,...), round-robin, so that consecutive
-- logins are different users with their own credential reads, as in a real login storm.
-- Arguments after "--": CSV_FILE THREADS. Each thread starts at its own place in the list.
-- The locked demo user dave is skipped: his logins end in 403 after a full password verification.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local requests = {}
local position = 0

function init(args)
  local csv, threads = args[1], tonumber(args[2])
  if not csv or not threads then
    error("usage: wrk ... -s login.lua URL -- CSV_FILE THREADS")
  end
  for index, line in ipairs(bench_read_lines(csv)) do
    local username, password = line:match("^([^,]+),([^,]+)")
    if index > 1 and username and username ~= "dave" then
      local body = string.format('{"username":"%s","password":"%s"}', username, password)
      table.insert(requests, wrk.format("POST", "/auth/login", { ["Content-Type"] = "application/json" }, body))
    end
  end
  position = math.floor(#requests * bench_thread_index / threads)
end

function request()
  position = position % #requests + 1
  return requests[position]
end
