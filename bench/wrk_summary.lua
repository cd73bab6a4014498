-- wrk's closing hook: one JSON line the benchmark parses instead of wrk's human summary.
-- Latencies are in microseconds; errors.status counts responses that were not 2xx or 3xx.
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_SUMMARY {"duration_us": %.0f, "requests": %.0f, "bytes": %.0f, ' ..
    '"p50_us": %.0f, "p90_us": %.0f, "p99_us": %.0f, "max_us": %.0f, ' ..
    '"connect": %.0f, "read": %.0f, "write": %.0f, "timeout": %.0f, "status": %.0f}\n',
    summary.duration, summary.requests, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
