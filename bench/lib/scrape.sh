# Sourced by benchmarks: with BENCH_DASHBOARD=1 the run under test gets --dashboard on a free loopback
# port, and a scraper reads /metrics and /api/stats every second while it runs (issue 18: the figures
# with the dashboard open and scraped must stay within 3% of those without). The scraper is one
# process with one kept-alive connection, as Prometheus scrapes (bench/lib/Scraper.py); without python3,
# a curl per read.
#   dashboard_flags           prints the extra flags (nothing without BENCH_DASHBOARD=1)
#   scrape_start / scrape_stop   the scraper loop, in the background
dashboard_port=$((40000 + RANDOM % 20000))
# the interpreter itself, not a version manager's shim (pyenv's costs ~0.35 s of CPU per start)
scrape_python=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
dashboard_flags() {
  [ "${BENCH_DASHBOARD:-0}" = 1 ] && echo "--dashboard 127.0.0.1:$dashboard_port"
  return 0
}
scrape_start() {
  [ "${BENCH_DASHBOARD:-0}" = 1 ] || return 0
  if [ -n "$scrape_python" ]; then
    "$scrape_python" "$(dirname "${BASH_SOURCE[0]}")/Scraper.py" 127.0.0.1 "$dashboard_port" 1 > /dev/null 2>&1 &
    scraper=$!
    sleep 0.3   # its own start (~50 ms of CPU) before the run under test, not inside it
    return 0
  fi
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
