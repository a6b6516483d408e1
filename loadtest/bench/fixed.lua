-- The same request every time, as given on the wrk command line (URL and -H headers): GET /hello on the
-- bare server, or /auth/verify with one cached bearer token.
-- Arguments after "--": THREADS [RATE]. RATE, when above 0, caps the requests per second of the whole run.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
  local threads, rate = tonumber(args[1]), tonumber(args[2] or "0")
  if not threads then
    error("usage: wrk ... -s fixed.lua URL -- THREADS [RATE]")
  end
  if rate > 0 then
    delay = bench_pacer(rate / threads)
  end
end
