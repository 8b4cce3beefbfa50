-- wrk script shared by every scenario of benchmarks/load-test.sh.
--   IF_NONE_MATCH  optional: sent as the If-None-Match request header (a conditional GET that should get 304).
--   SCENARIO       the name printed on the summary line.
-- No response() callback on purpose: it would make wrk hand every body to Lua and slow the client down.

local etag = os.getenv("IF_NONE_MATCH")
if etag ~= nil and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  -- One machine-readable line; load-test.sh collects them into its final table. Latencies in milliseconds.
  io.write(string.format(
    "SUMMARY scenario=%s requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f avg_bytes=%.0f non_2xx_3xx=%d socket_errors=%d\n",
    os.getenv("SCENARIO") or "?", summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests > 0 and summary.bytes / summary.requests or 0,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
