-- Load script for wrk (Debian's `wrk`), used by bench/api.ts phase (b): single status lookups.
-- Each request takes the next body from the file named by WRK_BODIES (one JSON object a line,
-- written by api.ts from the bench's residents) and the API key from WRK_KEY. At the end it prints
-- one line that api.ts parses: counts and latency percentiles in microseconds.
-- the result line, shared with the other scripts (next to this one)
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
local bodies, n, i = {}, 0, 0
local headers

function init(args)
  local f = assert(io.open(os.getenv("WRK_BODIES"), "r"))
  for l in f:lines() do
    n = n + 1
    bodies[n] = l
  end
  f:close()
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WRK_KEY") }
  i = (tonumber(os.getenv("WRK_OFFSET") or "0") or 0) % n
end

function request()
  i = i % n + 1
  return wrk.format("POST", "/api/v1/frikort/status", headers, bodies[i])
end

function done(summary, latency, requests)
  report(summary, latency)
end
