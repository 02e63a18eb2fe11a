#!/usr/bin/env bash
# Starts and stops the Cloud Firestore emulator for tests and local runs.
#
#   eval "$(bash .ci/emulator.sh start)"   # starts it (or reuses a running one), exports FIRESTORE_EMULATOR_HOST
#   bash .ci/emulator.sh status            # prints the export line if it runs, exits 1 if not
#   bash .ci/emulator.sh reset             # deletes every document
#   bash .ci/emulator.sh stop              # stops it and waits until it has exited
#
# The jar is started directly: `gcloud emulators firestore start` wraps it in a parent process whose
# death can leave the Java child running. State (pid, port, log) lives in .emulator/ at the repository
# root (gitignored; outside target/ so that `mvn clean` does not orphan a running emulator).
# Only the export line goes to stdout, so that `eval "$(...)"` sees nothing else.
set -euo pipefail

JAR="${FIRESTORE_EMULATOR_JAR:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar}"
PROJECT="${FIRESTORE_EMULATOR_PROJECT:-demo-ringbot}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${FIRESTORE_EMULATOR_STATE:-$ROOT/.emulator}"
START_TIMEOUT_S=60
STOP_TIMEOUT_S=15

say() { echo "emulator: $*" >&2; }

# The pid from the state folder, only if that process is still our emulator (pids get reused).
running_pid() {
    [[ -f "$STATE/pid" ]] || return 1
    local pid
    pid="$(cat "$STATE/pid")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'emulator.firestore.CloudFirestore' || return 1
    echo "$pid"
}

answers_ok() {
    [[ "$(curl -s --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null || true)" == Ok* ]]
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    say "no free port found between 20000 and 60000"
    return 1
}

start() {
    if [[ ! -f "$JAR" ]]; then
        say "no emulator jar at $JAR"
        say "install the Debian package google-cloud-cli-firestore-emulator (apt-get install google-cloud-cli-firestore-emulator)"
        exit 2
    fi
    command -v java >/dev/null || { say "java not found on PATH"; exit 2; }
    command -v curl >/dev/null || { say "curl not found on PATH"; exit 2; }
    mkdir -p "$STATE"

    local pid port
    if pid="$(running_pid)" && port="$(cat "$STATE/port")" && answers_ok "$port"; then
        say "already running (pid $pid, port $port)"
        echo "export FIRESTORE_EMULATOR_HOST=127.0.0.1:$port"
        return 0
    fi
    rm -f "$STATE/pid" "$STATE/port"

    # Another process may take the port between the probe and the bind: try a few.
    for _ in 1 2 3; do
        port="$(free_port)"
        # stdin/stdout/stderr detached: $(...) in the caller must not wait on the emulator's pipes.
        setsid java -Xmx512m -Duser.language=en -cp "$JAR" \
            com.google.cloud.datastore.emulator.firestore.CloudFirestore \
            --host=127.0.0.1 --port="$port" --project_id="$PROJECT" \
            </dev/null >"$STATE/emulator.log" 2>&1 &
        pid=$!
        echo "$pid" > "$STATE/pid"
        echo "$port" > "$STATE/port"
        echo "$PROJECT" > "$STATE/project"

        local deadline=$((SECONDS + START_TIMEOUT_S))
        while (( SECONDS < deadline )); do
            if answers_ok "$port"; then
                say "started (pid $pid, port $port, project $PROJECT, log $STATE/emulator.log)"
                echo "export FIRESTORE_EMULATOR_HOST=127.0.0.1:$port"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "no answer on port $port within ${START_TIMEOUT_S}s; last log lines:"
            tail -n 20 "$STATE/emulator.log" >&2 || true
            stop_pid "$pid"
            rm -f "$STATE/pid" "$STATE/port"
            exit 1
        fi
        say "exited during start on port $port; last log lines:"
        tail -n 5 "$STATE/emulator.log" >&2 || true
        rm -f "$STATE/pid" "$STATE/port"
    done
    say "could not start the emulator"
    exit 1
}

stop_pid() {
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || return 0
    local deadline=$((SECONDS + STOP_TIMEOUT_S))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid did not exit within ${STOP_TIMEOUT_S}s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
}

stop() {
    local pid
    if pid="$(running_pid)"; then
        stop_pid "$pid"
        say "stopped (pid $pid)"
    else
        say "not running"
    fi
    rm -f "$STATE/pid" "$STATE/port" "$STATE/project"
}

status() {
    local pid port
    if pid="$(running_pid)" && port="$(cat "$STATE/port")" && answers_ok "$port"; then
        say "running (pid $pid, port $port)"
        echo "export FIRESTORE_EMULATOR_HOST=127.0.0.1:$port"
    else
        say "not running"
        exit 1
    fi
}

reset() {
    local port project
    running_pid >/dev/null || { say "not running"; exit 1; }
    port="$(cat "$STATE/port")"
    project="$(cat "$STATE/project" 2>/dev/null || echo "$PROJECT")"
    curl -s -f -X DELETE \
        "http://127.0.0.1:$port/emulator/v1/projects/$project/databases/(default)/documents" >/dev/null
    say "all documents deleted"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    reset) reset ;;
    *)
        echo "usage: bash .ci/emulator.sh start|stop|status|reset" >&2
        echo "  eval \"\$(bash .ci/emulator.sh start)\"  then tests see FIRESTORE_EMULATOR_HOST" >&2
        exit 64
        ;;
esac
