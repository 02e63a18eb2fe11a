#!/usr/bin/env bash
# One load run against a fresh ringbot server: the server on taskset -c ${SERVER_CPU:-0} with a GC log,
# the load generator on taskset -c ${LOAD_CPU:-1}; keeps the load's JSON/text, the GC log, the server's
# resident memory (ps -o rss) and /metrics before and after under perf/results/load/NAME-STAMP/.
#
#   perf/src/main/scripts/load-run.sh NAME USERS_CAPACITY [load options...]
#   e.g. load-run.sh open20k 100000 --users 1000 --rate 20000 --duration 60 --warmup 10 --mix text=100
#
# Prints the worst GC pause of the measured window (the GC log's "Pause" lines, any kind).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="${1:?name}"; cap="${2:?users capacity}"; shift 2
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${OUT:-$ROOT/perf/results/load/$name-$stamp}"
mkdir -p "$out"
data="$(mktemp -d "${TMPDIR:-/tmp}/ringbot-load.XXXXXX")"
secret="load$RANDOM$RANDOM"
source <(sed -n '/^jvm_flags()/,/^}/p;/^java_major()/,/^}/p;/^heap_flags()/,/^}/p' "$ROOT/ringbot")

# shellcheck disable=SC2046,SC2086
env -u FIRESTORE_EMULATOR_HOST -u FIREBASE_PROJECT_ID -u FIRESTORE_PROJECT_ID -u GOOGLE_APPLICATION_CREDENTIALS \
  taskset -c "${SERVER_CPU:-0}" java $(jvm_flags) $(heap_flags) ${JAVA_OPTS:-} "-Xlog:gc*:file=$out/gc.log:uptime,level,tags" \
  -jar "$ROOT/io/target/ringbot.jar" serve --data-dir "$data" --port 18080 --ops-port 19090 \
  --webhook-secret "$secret" --users-capacity "$cap" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:19090/healthz >/dev/null 2>&1 && break; kill -0 "$pid" || { cat "$out/server.log"; exit 1; }; sleep 0.2; done
curl -s http://127.0.0.1:19090/metrics >"$out/metrics-before.txt"
gc_start_line=$(wc -l <"$out/gc.log")
echo "server pid $pid, rss before $(ps -o rss= -p "$pid") KiB" | tee "$out/rss.txt"
rc=0
taskset -c "${LOAD_CPU:-1}" java $(jvm_flags) -cp "$ROOT/perf/target/benchmarks.jar" io.ringbot.perf.load.LoadCommand \
  --target http://127.0.0.1:18080/webhook --secret "$secret" --json "$out/load.json" --quiet "$@" | tee "$out/load.txt" || rc=$?
echo "rss after $(ps -o rss= -p "$pid") KiB" | tee -a "$out/rss.txt"
curl -s http://127.0.0.1:19090/metrics >"$out/metrics-after.txt"
python3 "$HERE/metrics_delta.py" "$out/metrics-before.txt" "$out/metrics-after.txt" --json "$out/delta.json" >/dev/null
# worst GC pause while the load ran (lines after the server was ready); includes warm-up seconds
tail -n +"$((gc_start_line + 1))" "$out/gc.log" | grep -E 'gc +\] GC\([0-9]+\) Pause' | \
  awk '{ms=$NF; sub("ms","",ms); if (ms+0 > max) {max = ms+0; line=$0}; n++} END {printf "gc pauses during load: %d, worst %.3f ms\n%s\n", n, max, line}' \
  | tee "$out/gc-worst.txt"
echo "results in $out"
exit $rc
