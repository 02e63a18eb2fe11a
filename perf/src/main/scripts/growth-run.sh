#!/usr/bin/env bash
# The store growing with the bot (issue 18), one server from start to 1,000,000 users, no restart:
#   1. a fresh server at the default USERS_CAPACITY: the data folder (apparent and on-disk size) and RSS
#      once serving, then after 1,000 users (open loop 2,000/s for 10 s) and 5 s idle;
#   2. a second fresh server (--users-capacity 1100000): 10,000 users closed loop (the 10k throughput), then
#      1,000,000 new users (--new-users-first, closed loop: every request creates a user and a chat while the
#      tables grow), then those 1,000,000 users picked at random (the 1M throughput), with the folder and
#      RSS after each phase.
# Server on taskset -c ${SERVER_CPU:-0}, load on ${LOAD_CPU:-1}. SERVER_JAR (default io/target/ringbot.jar)
# and LAUNCHER (default ./ringbot, whose jvm_flags and heap_flags the server gets, plus JAVA_OPTS) choose what is measured,
# so a jar and launcher of another commit run side by side; BENCH_JAR (default perf/target/benchmarks.jar) is
# the load generator's. GROW_SECONDS (default 120) bounds the growth. SERVER_CPU=none / LOAD_CPU=none: unpinned.
#
#   perf/src/main/scripts/growth-run.sh NAME
# Output: perf/results/growth/NAME-STAMP/ (each phase's load text, folder sizes, RSS) and a summary on stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
name="${1:?name}"
jar="${SERVER_JAR:-$ROOT/io/target/ringbot.jar}"
launcher="${LAUNCHER:-$ROOT/ringbot}"
bench_jar="${BENCH_JAR:-$ROOT/perf/target/benchmarks.jar}"
pin_s=(taskset -c "${SERVER_CPU:-0}"); pin_l=(taskset -c "${LOAD_CPU:-1}")
[ "${SERVER_CPU:-0}" = none ] && pin_s=()
[ "${LOAD_CPU:-1}" = none ] && pin_l=()
out="${OUT:-$ROOT/perf/results/growth/$name-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
source <(sed -n '/^jvm_flags()/,/^}/p;/^java_major()/,/^}/p;/^heap_flags()/,/^}/p' "$launcher")
type heap_flags >/dev/null 2>&1 || heap_flags() { :; } # a launcher from before the server had its own heap flags
secret="grow$RANDOM$RANDOM"
pid=""; data=""
cleanup() { [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; [ -n "$data" ] && rm -rf "$data"; return 0; }
trap cleanup EXIT

start() { # $1 log name, rest: serve options
  local log="$1"; shift
  data="$(mktemp -d "${TMPDIR:-/tmp}/ringbot-grow.XXXXXX")"
  # shellcheck disable=SC2046,SC2086
  env -u FIRESTORE_EMULATOR_HOST -u FIREBASE_PROJECT_ID -u FIRESTORE_PROJECT_ID -u GOOGLE_APPLICATION_CREDENTIALS \
    "${pin_s[@]}" java $(jvm_flags) $(heap_flags) ${JAVA_OPTS:-} -jar "$jar" serve --data-dir "$data/d" \
    --port 18080 --ops-port 19090 --webhook-secret "$secret" "$@" >"$out/$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -sf http://127.0.0.1:19090/healthz >/dev/null 2>&1 && return 0; kill -0 "$pid" || { cat "$out/$log"; exit 1; }; sleep 0.2; done
  echo "server did not start"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; rm -rf "$data"; data=""; }
sizes() { # $1 label
  printf '%-34s folder %s apparent, %s on disk; RSS %s KiB\n' "$1" "$(du -sh --apparent-size "$data/d" | cut -f1)" \
    "$(du -sh "$data/d" | cut -f1)" "$(ps -o rss= -p "$pid" | tr -d ' ')" | tee -a "$out/summary.txt"
}
load() { # $1 phase name, rest: load options
  local phase="$1"; shift
  "${pin_l[@]}" java $(jvm_flags) -cp "$bench_jar" io.ringbot.perf.load.LoadCommand \
    --target http://127.0.0.1:18080/webhook --secret "$secret" --quiet --allow-errors "$@" >"$out/$phase.txt" 2>&1 || true
  printf '%-34s %s | %s | %s\n' "$phase" "$(grep -m1 'answered in' "$out/$phase.txt" | sed 's/^ *//')" \
    "$(grep -m1 'latency' "$out/$phase.txt" | sed 's/^ *latency *//')" \
    "$(grep -m1 'errors' "$out/$phase.txt" | sed 's/^ *//')" | tee -a "$out/summary.txt"
}

echo "$name: $jar, flags of $launcher ${JAVA_OPTS:-}, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/summary.txt"
start server-small.log
sleep 3
sizes "fresh, default capacity"
load users-1k --users 1000 --rate 2000 --duration 10 --mix text=100
sleep 35 # idle: past the launcher's native-heap trim interval (30 s)
sizes "idle after 1,000 users"
stop

start server-grow.log --users-capacity 1100000
load users-10k --users 10000 --max --duration 30 --warmup 5 --mix text=100
sizes "after 10k"
load grow-to-1M --users 1000000 --user-offset 1000000000 --new-users-first --max --duration "${GROW_SECONDS:-120}" --mix text=100
curl -s http://127.0.0.1:19090/healthz | tr ',' '\n' | grep -A2 '"users"' | tr -d '\n' | sed 's/^/healthz: /' | tee -a "$out/summary.txt"; echo | tee -a "$out/summary.txt"
sizes "after growing"
load users-1M --users 1000000 --user-offset 1000000000 --max --duration 30 --warmup 5 --mix text=100
sizes "after 1M random"
stop
echo "results in $out"
