-- wrk script for auth-bench.sh: sets the Authorization header from the environment and prints
-- one machine-readable result line (latencies in milliseconds) after the run.
local auth = os.getenv("BENCH_AUTH")
if auth ~= nil and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errs = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / secs,
    latency:percentile(50) / 1000.0,
    latency:percentile(99) / 1000.0,
    summary.requests,
    errs.status,
    errs.connect + errs.read + errs.write + errs.timeout))
end
