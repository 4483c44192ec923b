# Sourced by benchmarks: with BENCH_DASHBOARD=1 the run under test gets --dashboard on a free loopback
# port, and a scraper reads /metrics and /api/stats every second while it runs (issue 18: the figures
# with the dashboard open and scraped must stay within 3% of those without).
#   dashboard_flags           prints the extra flags (nothing without BENCH_DASHBOARD=1)
#   scrape_start / scrape_stop   the scraper loop, in the background
dashboard_port=$((40000 + RANDOM % 20000))
dashboard_flags() {
  [ "${BENCH_DASHBOARD:-0}" = 1 ] && echo "--dashboard 127.0.0.1:$dashboard_port"
  return 0
}
scrape_start() {
  [ "${BENCH_DASHBOARD:-0}" = 1 ] || return 0
  ( while :; do
      curl -s -o /dev/null "http://127.0.0.1:$dashboard_port/metrics" || true
      curl -s -o /dev/null "http://127.0.0.1:$dashboard_port/api/stats" || true
      sleep 1
    done ) >/dev/null 2>&1 &
  scraper=$!
}
scrape_stop() {
  if [ -n "${scraper:-}" ]; then
    kill "$scraper" 2>/dev/null || true
    wait "$scraper" 2>/dev/null || true
  fi
  scraper=""
  return 0
}
