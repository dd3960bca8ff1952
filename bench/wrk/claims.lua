-- Load script for wrk (Debian's `wrk`), used by bench/signals.ts phase (e): single treatment claims
-- (POST /api/v1/regninger). Each request takes the next body from the file named by WRK_BODIES (one
-- claim a line, each with its own claimId, written by signals.ts) and the API key from WRK_KEY. At the
-- end it prints one line that signals.ts parses: counts and latency percentiles in microseconds.
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
end

function request()
  -- Each body once: a claim sent again would be answered from the stored claim (200), not received.
  i = i + 1
  if i > n then wrk.thread:stop() end
  return wrk.format("POST", "/api/v1/regninger", headers, bodies[math.min(i, n)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50=%d p90=%d p99=%d max=%d mean=%.1f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
