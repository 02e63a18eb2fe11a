#!/usr/bin/env bash
# The journal benchmark: one ringbot server (taskset -c 0, fresh data folder, ports 18080/19090) with or
# without the Firestore journal, one load run (taskset -c 1), /metrics scraped before and after; prints
# writes per update, journal lag and engine latency quantiles (metrics_delta.py), and keeps the raw scrapes.
#
#   perf/src/main/scripts/journal-bench.sh hot  on|off [OUTDIR]   1,000 users, open loop 10,000/s, 30 s
#   perf/src/main/scripts/journal-bench.sh cold on|off [OUTDIR]   1,000,000 distinct new users, closed loop, 30 s
#
# Journal on: uses FIRESTORE_EMULATOR_HOST when set, else starts a private emulator (.ci/emulator.sh with
# its own state folder, so a developer's emulator is left alone) and stops it afterwards. Each run gets its
# own FIRESTORE_COLLECTION_PREFIX. Environment: RATE, DURATION, WARMUP (load generator's unrecorded seconds,
# hot 10, cold 0; the server's metrics delta includes them), USERS, CONNECTIONS override the workload.
# Output: delta.json (metrics_delta.py: counters, bucket quantiles of the whole window) and
# stats-summary.json (stats_summary.py: median and worst second of the per-second exact percentiles).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode="${1:?hot or cold}"; journal="${2:?on or off}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${3:-$ROOT/perf/results/journal/$mode-$journal-$stamp}"
mkdir -p "$out"
data="$(mktemp -d "${TMPDIR:-/tmp}/ringbot-journal.XXXXXX")"
secret="journal$RANDOM$RANDOM"
source <(sed -n '/^jvm_flags()/,/^}/p;/^java_major()/,/^}/p' "$ROOT/ringbot")

case "$mode" in
  hot)  users="${USERS:-1000}";    load=(--rate "${RATE:-10000}" --duration "${DURATION:-30}" --warmup "${WARMUP:-10}"); cap=100000 ;;
  cold) users="${USERS:-1000000}"; load=(--max --duration "${DURATION:-30}" --warmup "${WARMUP:-0}"
            --user-offset "$(( 5000000000 + $(date +%s) % 100000 * 2000000 ))"); cap=2000000 ;;
  *) echo "mode: hot or cold" >&2; exit 2 ;;
esac

started_emulator=""
env_cmd=(env -u FIRESTORE_EMULATOR_HOST -u FIREBASE_PROJECT_ID -u FIRESTORE_PROJECT_ID -u GOOGLE_APPLICATION_CREDENTIALS -u FIRESTORE_COLLECTION_PREFIX)
if [ "$journal" = on ]; then
  if [ -z "${FIRESTORE_EMULATOR_HOST:-}" ]; then
    export FIRESTORE_EMULATOR_STATE="${FIRESTORE_EMULATOR_STATE:-/tmp/ringbot-bench-emulator}"
    # the emulator stands in for a remote service: it shares the load generator's core, not the server's
    eval "$(taskset -c "${EMULATOR_CPU:-1}" bash "$ROOT/.ci/emulator.sh" start)"
    started_emulator=1
  fi
  env_cmd=(env FIRESTORE_EMULATOR_HOST="$FIRESTORE_EMULATOR_HOST" FIREBASE_PROJECT_ID=demo-ringbot
           FIRESTORE_COLLECTION_PREFIX="bench${mode}${stamp//[^0-9]/}_")
fi

# shellcheck disable=SC2046,SC2086
"${env_cmd[@]}" taskset -c "${SERVER_CPU:-0}" java $(jvm_flags) ${JAVA_OPTS:-} -jar "$ROOT/io/target/ringbot.jar" serve \
  --data-dir "$data" --port 18080 --ops-port 19090 --webhook-secret "$secret" --users-capacity "$cap" \
  >"$out/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  [ -n "$started_emulator" ] && bash "$ROOT/.ci/emulator.sh" stop || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:19090/healthz >/dev/null 2>&1 && break; kill -0 "$pid" || { cat "$out/server.log"; exit 1; }; sleep 0.2; done

# a short unrecorded warm-up on other users (JIT), then the measured run
taskset -c "${LOAD_CPU:-1}" java $(jvm_flags) -cp "$ROOT/perf/target/benchmarks.jar" io.ringbot.perf.load.LoadCommand \
  --target http://127.0.0.1:18080/webhook --secret "$secret" --users 1000 --user-offset 900000000 --rate 5000 \
  --duration 5 --mix text=100 --quiet --allow-errors >"$out/warmup.txt" 2>&1 || true
sleep 2
curl -s http://127.0.0.1:19090/metrics >"$out/metrics-before.txt"
rss_before="$(ps -o rss= -p "$pid")"
t0=$(date +%s.%N)
taskset -c "${LOAD_CPU:-1}" java $(jvm_flags) -cp "$ROOT/perf/target/benchmarks.jar" io.ringbot.perf.load.LoadCommand \
  --target http://127.0.0.1:18080/webhook --secret "$secret" --users "$users" --mix text=100 \
  --connections "${CONNECTIONS:-64}" "${load[@]}" --json "$out/load.json" --quiet --allow-errors | tee "$out/load.txt"
t1=$(date +%s.%N)
# let the journal catch up (pending records to 0, at most 15 s), then scrape again
for _ in $(seq 1 75); do
  p="$(curl -s http://127.0.0.1:19090/metrics | awk '/^ringbot_journal_pending_records /{print $2}')"
  [ -z "$p" ] || [ "${p%.*}" = 0 ] && break
  sleep 0.2
done
curl -s http://127.0.0.1:19090/metrics >"$out/metrics-after.txt"
curl -s http://127.0.0.1:19090/stats.json >"$out/stats.json" || true
echo "server rss KiB: before $rss_before, after $(ps -o rss= -p "$pid"); load wall $(echo "$t1 - $t0" | bc) s" | tee "$out/rss.txt"
python3 "$HERE/metrics_delta.py" "$out/metrics-before.txt" "$out/metrics-after.txt" --json "$out/delta.json"
python3 "$HERE/stats_summary.py" "$out/stats.json" >"$out/stats-summary.json" || true
echo "results in $out"
