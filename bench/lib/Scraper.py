"""A Prometheus-like scraper for the dashboard benchmarks: one process and one kept-alive connection
(as Prometheus keeps one per target), reading /metrics and then /api/stats every INTERVAL seconds
until killed (or COUNT rounds). A refused or broken connection is opened again at the next round.
    python3 bench/lib/Scraper.py HOST PORT INTERVAL [COUNT]"""
import http.client
import sys
import time

host, port, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else -1
conn = None
while rounds != 0:
    rounds -= 1
    for path in ("/metrics", "/api/stats"):
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("GET", path, headers={"Accept": "text/plain"})
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            if conn is not None:
                conn.close()
            conn = None
    if interval > 0:
        time.sleep(interval)
