# Sourced by benchmarks: a private nginx on loopback, with its own config, logs and pid in a work dir.
# nginx_start DIR PORT [WORKERS] ; nginx_requests DIR (access-log line count) ; nginx_stop DIR

nginx_start() {
  local dir=$1 port=$2 workers=${3:-1}
  mkdir -p "$dir/logs" "$dir/tmp" "$dir/html"
  printf 'ok\n' > "$dir/html/index.html"
  cat > "$dir/nginx.conf" <<CONF
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  server {
    listen 127.0.0.1:$port reuseport backlog=4096;
    root $dir/html;
    location / { default_type text/plain; return 200 "ok\n"; }
    location = /index.html { }
  }
}
CONF
  : > "$dir/logs/access.log"
  nginx -c "$dir/nginx.conf" -p "$dir" 2>>"$dir/logs/start.log" || { cat "$dir/logs/start.log" >&2; return 1; }
  for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nginx did not start on port $port" >&2
  return 1
}

nginx_requests() {
  wc -l < "$1/logs/access.log"
}

nginx_reset_log() {
  : > "$1/logs/access.log"
  kill -USR1 "$(cat "$1/nginx.pid")" 2>/dev/null || true
  sleep 0.2
}

nginx_stop() {
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null
  sleep 0.3
}
