-- Load script for wrk (Debian's `wrk`), used by bench/signals.ts phase (e): single treatment claims
-- (POST /api/v1/regninger). Each request takes the next line from the file named by WRK_BODIES (one
-- claim a line, "<API key>\t<claim JSON>", each claim with its own claimId, written by signals.ts). At
-- the end it prints one line that signals.ts parses: counts and latency percentiles in microseconds.
-- the result line, shared with the other scripts (next to this one)
local report = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
local keys, bodies = {}, {}
-- globals, not locals: done() reads them from each thread (thread:get)
n, i = 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(os.getenv("WRK_BODIES"), "r"))
  for l in f:lines() do
    local tab = string.find(l, "\t", 1, true)
    n = n + 1
    keys[n] = "Bearer " .. string.sub(l, 1, tab - 1)
    bodies[n] = string.sub(l, tab + 1)
  end
  f:close()
end

function request()
  -- Each body once: a claim sent again would be answered from the stored claim (200), not received.
  i = i + 1
  if i > n then wrk.thread:stop() end
  local j = math.min(i, n)
  return wrk.format("POST", "/api/v1/regninger", { ["Content-Type"] = "application/json", ["Authorization"] = keys[j] }, bodies[j])
end

function done(summary, latency, requests)
  -- a thread that ran out of claims stopped early and its last request repeated a claim (answered 200): say so
  for _, t in ipairs(threads) do
    if (t:get("i") or 0) > (t:get("n") or 0) then io.write("WRK_EXHAUSTED\n") end
  end
  report(summary, latency)
end
