#!/usr/bin/env bash
# The end-to-end figures in one command, printed as ONE table at the end:
#   publish   publish throughput of a burst of uploads into the local server (--concurrent-uploads)
#   counts    storage requests per publish/unpublish at 100 and 5,000 articles, and per listing request at 100 and
#             10,000 (the tests PublishCostTests and ListingAtSizeTests, which assert them)
#   load      HTTP load on the local server and nginx serving the same bytes (load-test.sh)
#   startup   local server start to first served page (--startup)
#   functions Functions worker start to first HTTP answer, JIT and ReadyToRun (--functions-startup)
#   memory    memory and idle cost of the local server holding ARTICLES articles, seeded as published (--memory-idle --seeded)
# A part that is skipped or fails is listed as "not run: <reason>"; the others still run.
#
#   benchmarks/report.sh                                   # everything (long: the 10,000-article part publishes them all)
#   SKIP=load,memory benchmarks/report.sh                  # skip parts (comma-separated names above)
#   ONLY=startup,functions benchmarks/report.sh            # run only these parts
#   UPLOADS=1000 ARTICLES=10000 RUNS=5 benchmarks/report.sh   # the defaults
#   OUT=/tmp/report benchmarks/report.sh                   # keep every part's log and JSON there (default: a temp folder)
#
# Every part stops the processes it starts (servers, Azurite, nginx); on Ctrl+C this script stops the running part.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
UPLOADS="${UPLOADS:-1000}"
ARTICLES="${ARTICLES:-10000}"
RUNS="${RUNS:-5}"
SKIP=",${SKIP:-},"
ONLY="${ONLY:+,$ONLY,}"
OUT="${OUT:-$(mktemp -d /tmp/serverless-report.XXXXXX)}"
mkdir -p "$OUT"
BENCH_DLL="$ROOT/benchmarks/Serverless.Benchmarks/bin/Release/net10.0/Serverless.Benchmarks.dll"
PART_PID=""

stop_part() {
  if [[ -n "$PART_PID" ]] && kill -0 "$PART_PID" 2>/dev/null; then
    # SIGINT first: each part then stops its own server, Azurite or nginx.
    kill -INT "$PART_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$PART_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$PART_PID" 2>/dev/null
  fi
}
trap 'stop_part; echo "Interrupted; logs in $OUT"; exit 130' INT TERM

wanted() {
  [[ "$SKIP" == *",$1,"* ]] && return 1
  [[ -z "$ONLY" || "$ONLY" == *",$1,"* ]]
}

# Runs a part in the background (so a Ctrl+C reaches this script's trap), logging to $OUT/<part>.log.
# Records "not run: <reason>" in $OUT/<part>.skipped when it is skipped or fails.
run_part() {
  local part="$1"; shift
  rm -f "$OUT/$part.skipped"
  if ! wanted "$part"; then
    echo "skipped (SKIP/ONLY)" >"$OUT/$part.skipped"
    return
  fi
  echo "== $part: $*  (log: $OUT/$part.log)"
  (cd "$ROOT" && exec "$@") >"$OUT/$part.log" 2>&1 &
  PART_PID=$!
  wait "$PART_PID"
  local code=$?
  PART_PID=""
  if [[ $code -ne 0 ]]; then
    echo "failed with exit code $code (see $OUT/$part.log)" >"$OUT/$part.skipped"
    echo "   failed ($code); last lines:"; tail -n 5 "$OUT/$part.log" | sed 's/^/   /'
  fi
}

needs_benchmarks() {
  for part in publish startup functions memory; do wanted "$part" && return 0; done
  return 1
}

if needs_benchmarks; then
  echo "== Building the benchmarks and the local server (Release)"
  if ! (cd "$ROOT" && dotnet build benchmarks/Serverless.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT/build.log" 2>&1); then
    echo "   build failed: see $OUT/build.log"
    for part in publish startup functions memory; do echo "build failed (see $OUT/build.log)" >"$OUT/$part.skipped"; done
    SKIP="$SKIP,publish,startup,functions,memory,"
  fi
fi

run_part publish   dotnet "$BENCH_DLL" --concurrent-uploads "$UPLOADS" --json-out "$OUT/publish.json"
run_part counts    dotnet test tests/Serverless.IntegrationTests --filter "FullyQualifiedName~PublishCostTests|FullyQualifiedName~ListingAtSizeTests" --logger "console;verbosity=detailed"
run_part load      env JSON_OUT="$OUT/load.json" benchmarks/load-test.sh
run_part startup   dotnet "$BENCH_DLL" --startup "$RUNS" --json-out "$OUT/startup.json"
run_part functions dotnet "$BENCH_DLL" --functions-startup "$RUNS" --json-out "$OUT/functions.json"
run_part memory    dotnet "$BENCH_DLL" --memory-idle "$ARTICLES" --seeded --json-out "$OUT/memory.json"

echo
echo "== Report ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown))"
node "$ROOT/benchmarks/report-table.js" "$OUT"
