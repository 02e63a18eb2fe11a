#!/usr/bin/env bash
# The whole test suite: starts the Firestore emulator (the one prerequisite of the Firestore tests),
# runs every module's tests with Maven, and stops the emulator whatever the outcome.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v mvn >/dev/null || { echo "ringbot test: mvn is not on the PATH: apt-get install maven" >&2; exit 2; }
[ -d ../shared/fixtures/telegram ] || { echo "ringbot test: ../shared/fixtures/telegram is missing: the tests read the shared Telegram fixtures from ../shared beside the repository" >&2; exit 2; }

if [ -f .ci/emulator.sh ]; then
  trap 'bash .ci/emulator.sh stop >/dev/null 2>&1 || true' EXIT
  emulator_env="$(bash .ci/emulator.sh start)" || { echo "ringbot test: the Firestore emulator did not start (see above)" >&2; exit 2; }
  eval "$emulator_env"
  export FIRESTORE_EMULATOR_HOST
  echo "ringbot test: Firestore emulator at $FIRESTORE_EMULATOR_HOST"
fi

mvn -B -ntp verify "$@"
