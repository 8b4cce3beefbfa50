#!/usr/bin/env bash
# HTTP load test of the local server (Release build, its own Azurite, the sample article published on start).
#
#   benchmarks/load-test.sh            # all scenarios, 3 rounds of 10 s each, 2 threads, 64 connections
#   ROUNDS=5 DURATION=30s CONNECTIONS=128 benchmarks/load-test.sh
#   NGINX=0 benchmarks/load-test.sh    # skip the nginx comparison
#   JSON_OUT=/tmp/load.json benchmarks/load-test.sh   # also write the summary as JSON (rows and ratios)
#   WARMUP=10s benchmarks/load-test.sh # how long each local route is loaded before the measurements (10 s)
#
# Scenarios: the article page (200, the stored bytes), the same page with a matching If-None-Match (304), the JSON
# metadata API, the share snippet, the listing (/api/articles?top=20), and, if nginx is installed, nginx serving the
# same page, API and share bytes as static files from a temporary folder (page also with If-None-Match: 304). Ratios
# are the local server's req/s over nginx's for the same bytes, measured back to back in each round (the order within a
# pair alternating); the table gives medians over the rounds, and each ratio is the median of the rounds' ratios.
# The server, its Azurite and nginx are always stopped on exit; the script then checks that none of them remains.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
NGINX="${NGINX:-1}"
JSON_OUT="${JSON_OUT:-}"
START_TIMEOUT="${START_TIMEOUT:-180}"
SLUG="sony-pictures-anonymous-et-bittorrent-prets-a-diffuser-the-interview"
LUA="$ROOT/benchmarks/wrk/scenario.lua"

for tool in wrk curl dotnet; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case "$tool" in
      wrk) echo "wrk is not installed. On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y wrk" >&2 ;;
      curl) echo "curl is not installed. On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y curl" >&2 ;;
      *) echo "$tool is not on PATH." >&2 ;;
    esac
    exit 1
  fi
done
if [[ "$NGINX" == 1 ]] && ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
  echo "nginx is not installed: skipping the nginx comparison (sudo apt-get install -y nginx-light to include it)." >&2
  NGINX=0
fi
NGINX_BIN="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"

WORK="$(mktemp -d -t serverless-load.XXXXXX)"
SERVER_PID=""
NGINX_PID=""
CHILD_PIDS=""
SUMMARIES="$WORK/summaries.txt"
: >"$SUMMARIES"

# A port nothing listens on (connecting is refused). Another process could take it before we bind; unlikely enough here.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# Every descendant of a process (children first found while it runs: Azurite's node is the server's child).
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# Sends a signal, waits up to $3 seconds for the process to exit; true if it did.
stop_pid() {
  local pid="$1" signal="$2" seconds="$3"
  alive "$pid" || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 10))); do
    alive "$pid" || return 0
    sleep 0.1
  done
  return 1
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$SERVER_PID" ]]; then
    CHILD_PIDS="$(echo $CHILD_PIDS $(descendants "$SERVER_PID") | xargs -n1 2>/dev/null | sort -u | xargs)"
    # SIGINT is Ctrl+C: the server stops Kestrel, then Azurite, and deletes .local/storage-connection.txt.
    if ! stop_pid "$SERVER_PID" INT 30; then
      echo "The server (pid $SERVER_PID) did not stop within 30 s: killing it and its children." >&2
      kill -KILL "$SERVER_PID" $CHILD_PIDS 2>/dev/null
    fi
    wait "$SERVER_PID" 2>/dev/null
  fi
  # Azurite stops when the server closes its stdin; give it a moment, then make sure.
  for pid in $CHILD_PIDS; do
    stop_pid "$pid" TERM 10 || kill -KILL "$pid" 2>/dev/null
  done
  if [[ -n "$NGINX_PID" ]]; then
    stop_pid "$NGINX_PID" QUIT 10 || kill -KILL "$NGINX_PID" 2>/dev/null
  fi

  # What we started must be gone. Other Azurite or node processes on this machine (tests...) are not ours and are not checked.
  local leftovers=""
  for pid in $SERVER_PID $CHILD_PIDS $NGINX_PID; do
    if alive "$pid"; then leftovers="$leftovers $pid"; fi
  done
  local by_name
  by_name="$(pgrep -f "Serverless.LocalServer.* --urls http://127.0.0.1:${PORT:-none}" || true)"
  if [[ -n "$CHILD_PIDS" ]]; then
    by_name="$by_name $(pgrep -f 'node.*azurite' | grep -xF -f <(tr ' ' '\n' <<<"$CHILD_PIDS" | grep .) || true)"
  fi
  if [[ -n "${NGINX_PORT:-}" ]]; then
    by_name="$by_name $(pgrep -f "nginx.*$WORK" || true)"
  fi
  leftovers="$(echo "$leftovers $by_name" | xargs -n1 2>/dev/null | sort -u | xargs)"
  if [[ -n "$leftovers" ]]; then
    echo "LEFTOVER processes after cleanup: $leftovers" >&2
    ps -o pid,args -p "${leftovers// /,}" >&2
    status=1
  else
    echo "Cleanup: server (pid ${SERVER_PID:-none}), Azurite (pid(s)${CHILD_PIDS:- none}) and nginx (pid ${NGINX_PID:-none}) are stopped; pgrep finds none of them."
  fi
  if [[ $status -ne 0 && -f "$WORK/server.log" ]]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 30 "$WORK/server.log" >&2
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== Building the local server (Release)"
dotnet build "$ROOT/src/Serverless.LocalServer" -c Release -nologo -v quiet -clp:ErrorsOnly
SERVER_DLL="$ROOT/src/Serverless.LocalServer/bin/Release/net10.0/Serverless.LocalServer.dll"

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
PAGE="$BASE/articles/$SLUG"
API="$BASE/api/articles/$SLUG"
SHARE="$BASE/api/share/$SLUG"
LISTING="$BASE/api/articles?top=20"

echo "== Starting the local server on $BASE (its own Azurite, in-memory data; log: $WORK/server.log)"
# Run the built assembly directly: the pid we hold is the server itself, not a `dotnet run` wrapper.
(cd "$ROOT" && exec dotnet "$SERVER_DLL" --urls "$BASE") </dev/null >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

echo -n "== Waiting for the sample article to be published"
deadline=$((SECONDS + START_TIMEOUT))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$PAGE" || true)" == 200 ]]; do
  if ! alive "$SERVER_PID"; then
    echo; echo "The server exited before serving the page." >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo; echo "The page did not answer 200 within $START_TIMEOUT s." >&2
    exit 1
  fi
  echo -n "."
  sleep 0.5
done
echo " ready after ${SECONDS}s."
CHILD_PIDS="$(descendants "$SERVER_PID" | tr '\n' ' ')"

ETAG="$(curl -s -D - -o "$WORK/page.html" "$PAGE" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
if [[ -z "$ETAG" ]]; then
  echo "The page has no ETag header." >&2
  exit 1
fi
conditional="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$PAGE")"
api_status="$(curl -s -o "$WORK/api.json" -w '%{http_code}' "$API")"
share_status="$(curl -s -o "$WORK/share.json" -w '%{http_code}' "$SHARE")"
listing_status="$(curl -s -o "$WORK/listing.json" -w '%{http_code}' "$LISTING")"
echo "   page: $(wc -c <"$WORK/page.html") bytes, ETag $ETAG; with If-None-Match: $conditional; API: $api_status, $(wc -c <"$WORK/api.json") bytes;" \
  "share: $share_status, $(wc -c <"$WORK/share.json") bytes; listing: $listing_status, $(wc -c <"$WORK/listing.json") bytes"
[[ "$conditional" == 304 && "$api_status" == 200 && "$share_status" == 200 && "$listing_status" == 200 ]] || { echo "Unexpected status codes." >&2; exit 1; }

# CPU time (clock ticks: user + system) used so far by the given processes.
cpu_ticks() {
  local total=0 pid fields
  for pid in "$@"; do
    if [[ -r "/proc/$pid/stat" ]]; then
      read -r -a fields < <(sed 's/^.*) //' "/proc/$pid/stat")
      total=$((total + fields[11] + fields[12]))
    fi
  done
  echo "$total"
}
TICKS_PER_SECOND="$(getconf CLK_TCK)"
seconds_of() { awk -v t="$1" -v hz="$TICKS_PER_SECOND" 'BEGIN { printf "%.1f", t / hz }'; }

# run ROUND NAME URL [ETAG]: one wrk run; its own output, then the summary line kept for the final table. The CPU time
# reported is the server's and Azurite's for local scenarios, nginx's (and no storage) for nginx-* ones.
run() {
  local round="$1" name="$2" url="$3" etag="${4:-}" app_pids storage_pids
  if [[ "$name" == nginx-* ]]; then
    app_pids="$NGINX_PIDS" storage_pids=""
  else
    app_pids="$SERVER_PID" storage_pids="$CHILD_PIDS"
  fi
  echo
  echo "== round $round, $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url${etag:+ (If-None-Match: $etag)}"
  # A short warm-up so the connection pools and the server's caches are in their steady state.
  SCENARIO="$name" IF_NONE_MATCH="$etag" wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$LUA" "$url" >/dev/null
  local app_before storage_before
  app_before="$(cpu_ticks $app_pids)"
  storage_before="$(cpu_ticks $storage_pids)"
  SCENARIO="$name" IF_NONE_MATCH="$etag" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$url" | tee "$WORK/$name.txt"
  local app_cpu storage_cpu
  app_cpu="$(seconds_of $(( $(cpu_ticks $app_pids) - app_before )))"
  storage_cpu="$(seconds_of $(( $(cpu_ticks $storage_pids) - storage_before )))"
  echo "CPU during the run: ${app_pids:+process(es) $app_pids} ${app_cpu} s, storage ${storage_cpu} s (of $(nproc) cores x $DURATION)"
  echo "$(grep '^SUMMARY ' "$WORK/$name.txt") app_cpu_s=$app_cpu storage_cpu_s=$storage_cpu round=$round" >>"$SUMMARIES"
}

NGINX_PIDS=""
if [[ "$NGINX" == 1 ]]; then
  NGINX_PORT="$(free_port)"
  mkdir -p "$WORK/www/articles" "$WORK/www/api/articles" "$WORK/www/api/share" "$WORK/nginx"
  cp "$WORK/page.html" "$WORK/www/articles/$SLUG"
  cp "$WORK/api.json" "$WORK/www/api/articles/$SLUG"
  cp "$WORK/share.json" "$WORK/www/api/share/$SLUG"
  chmod -R a+rX "$WORK"
  cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    default_type "text/html; charset=utf-8";
    add_header Cache-Control "no-cache";
    location /api/ { default_type "application/json; charset=utf-8"; }
  }
}
EOF
  echo
  echo "== Starting nginx on 127.0.0.1:$NGINX_PORT with the same page, API and share bytes ($WORK/www)"
  "$NGINX_BIN" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" </dev/null >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 1 50); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_BASE/articles/$SLUG" || true)" == 200 ]] && break
    sleep 0.1
  done
  NGINX_ETAG="$(curl -s -D - -o /dev/null "$NGINX_BASE/articles/$SLUG" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
  if [[ -z "$NGINX_ETAG" ]]; then
    echo "nginx does not serve the page: skipping it." >&2
    cat "$WORK/nginx/error.log" "$WORK/nginx/stdout.log" >&2 || true
    NGINX=0
  else
    NGINX_PIDS="$NGINX_PID $(descendants "$NGINX_PID" | xargs)"
  fi
fi

# Every local route once under load before any measurement: tiered compilation then has the shared request path
# (Kestrel, routing, the cache, the result writers) at full speed, rather than only in the scenarios that happen to run later.
echo "== Warming up the local server (${WARMUP:-10s} per route)"
for url in "$PAGE" "$API" "$SHARE" "$LISTING"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-10s}" "$url" >/dev/null
done

# Each round measures every route on both servers back to back, the order within a pair alternating from round to
# round, so drift in the machine (CPU frequency, other load) falls on both sides of a ratio alike.
for round in $(seq 1 "$ROUNDS"); do
  pairs=("page|$PAGE||nginx-page|${NGINX_BASE:-}/articles/$SLUG|"
    "page-304|$PAGE|$ETAG|nginx-304|${NGINX_BASE:-}/articles/$SLUG|${NGINX_ETAG:-}"
    "api|$API||nginx-api|${NGINX_BASE:-}/api/articles/$SLUG|"
    "share|$SHARE||nginx-share|${NGINX_BASE:-}/api/share/$SLUG|"
    "listing|$LISTING||||")
  for pair in "${pairs[@]}"; do
    IFS='|' read -r local_name local_url local_etag nginx_name nginx_url nginx_etag <<<"$pair"
    if [[ "$NGINX" != 1 || -z "$nginx_name" ]]; then
      run "$round" "$local_name" "$local_url" "$local_etag"
    elif ((round % 2)); then
      run "$round" "$local_name" "$local_url" "$local_etag"
      run "$round" "$nginx_name" "$nginx_url" "$nginx_etag"
    else
      run "$round" "$nginx_name" "$nginx_url" "$nginx_etag"
      run "$round" "$local_name" "$local_url" "$local_etag"
    fi
  done
done

# One line per scenario: the median over the rounds of each figure (field=value pairs, as in the summaries).
MEDIANS="$WORK/medians.txt"
awk '
  function median(list,   n, values, i, j, t) {
    n = split(list, values, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] + 0 > values[j] + 0; j--) { t = values[j]; values[j] = values[j - 1]; values[j - 1] = t }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  {
    scenario = ""
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "scenario") scenario = kv[2] }
    if (!(scenario in seen)) { seen[scenario] = 1; order[++count] = scenario }
    for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "scenario" && kv[1] != "round") values[scenario, kv[1]] = values[scenario, kv[1]] " " kv[2]; keys[kv[1]] = 1 }
  }
  END {
    for (c = 1; c <= count; c++) {
      line = "scenario=" order[c]
      for (k in keys) if (k != "scenario" && k != "round") line = line " " k "=" median(values[order[c], k])
      print line
    }
  }' "$SUMMARIES" >"$MEDIANS"

echo
echo "== Summary: medians of $ROUNDS round(s) ($(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION; client, server and Azurite share the machine)"
printf '%-11s %8s %8s %8s %8s %8s %10s %6s %8s %11s\n' scenario req/s p50_ms p90_ms p99_ms max_ms bytes/resp errors app_cpu storage_cpu
while read -r line; do
  declare -A f=()
  for pair in $line; do f["${pair%%=*}"]="${pair#*=}"; done
  printf '%-11s %8.0f %8s %8s %8s %8s %10.0f %6s %7ss %10ss\n' "${f[scenario]}" "${f[rps]}" "${f[p50_ms]}" "${f[p90_ms]}" "${f[p99_ms]}" \
    "${f[max_ms]}" "${f[avg_bytes]}" "$((${f[non_2xx_3xx]%.*} + ${f[socket_errors]%.*}))" "${f[app_cpu_s]}" "${f[storage_cpu_s]}"
  unset f
done <"$MEDIANS"

# rps SCENARIO [ROUND]: its requests per second in that round, or its median over the rounds; nothing if not run.
rps() {
  if [[ -n "${2:-}" ]]; then
    awk -v s="scenario=$1" -v r="round=$2" '$2 == s && $NF == r { sub("rps=", "", $4); print $4 }' "$SUMMARIES"
  else
    awk -v s="scenario=$1" '$1 == s { for (i = 2; i <= NF; i++) if ($i ~ /^rps=/) { sub("rps=", "", $i); print $i } }' "$MEDIANS"
  fi
}
# The local server's throughput over nginx's on the same bytes: the median of the per-round ratios (each pair measured
# back to back), with every round's ratio shown.
declare -A RATIOS=() ROUND_RATIOS=()
for name in page api share; do
  list=""
  for round in $(seq 1 "$ROUNDS"); do
    local_rps="$(rps "$name" "$round")"
    nginx_rps="$(rps "nginx-$name" "$round")"
    [[ -n "$local_rps" && -n "$nginx_rps" ]] && list="$list $(awk -v a="$local_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')"
  done
  [[ -n "$list" ]] || continue
  ROUND_RATIOS[$name]="$(xargs <<<"$list")"
  RATIOS[$name]="$(tr ' ' '\n' <<<"${ROUND_RATIOS[$name]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
  printf '%-6s %sx nginx serving the same bytes (median of rounds: %s; median req/s %s against %s)\n' "$name:" "${RATIOS[$name]}" \
    "${ROUND_RATIOS[$name]}" "$(rps "$name")" "$(rps "nginx-$name")"
done

if [[ -n "$JSON_OUT" ]]; then
  # Rows (medians) named as the local scenarios; nginx's carry server "nginx" (nginx-304 is the page with If-None-Match).
  {
    printf '{"rounds":%s,"rows":[' "$ROUNDS"
    first=1
    while read -r line; do
      declare -A f=()
      for pair in $line; do f["${pair%%=*}"]="${pair#*=}"; done
      name="${f[scenario]}" server=local
      if [[ "$name" == nginx-* ]]; then
        server=nginx
        name="${name#nginx-}"
        [[ "$name" == 304 ]] && name=page-304
      fi
      ((first)) || printf ','
      first=0
      printf '{"name":"%s","server":"%s","rps":%s,"p50_ms":%s,"p99_ms":%s}' "$name" "$server" "${f[rps]}" "${f[p50_ms]}" "${f[p99_ms]}"
      unset f
    done <"$MEDIANS"
    printf '],"ratios":{'
    first=1
    for name in page api share; do
      [[ -n "${RATIOS[$name]:-}" ]] || continue
      ((first)) || printf ','
      first=0
      printf '"%s":%s' "$name" "${RATIOS[$name]}"
    done
    printf '},"round_ratios":{'
    first=1
    for name in page api share; do
      [[ -n "${ROUND_RATIOS[$name]:-}" ]] || continue
      ((first)) || printf ','
      first=0
      printf '"%s":[%s]' "$name" "$(sed 's/ /,/g' <<<"${ROUND_RATIOS[$name]}")"
    done
    printf '}}\n'
  } >"$JSON_OUT"
  echo "Summary written as JSON to $JSON_OUT"
fi
