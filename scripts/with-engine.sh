#!/usr/bin/env bash
# Runs a command with BERTH_TEST_DOCKER_HOST pointing at a private engine.
# If BERTH_TEST_DOCKER_HOST is already set (a developer's long-lived test engine),
# it is used as is; otherwise an engine is started and torn down afterwards.
# Fails loudly if no engine can be had: engine tests are never skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${BERTH_TEST_DOCKER_HOST:-}" ]; then
	export BERTH_ENGINE_DIR=${BERTH_ENGINE_DIR:-/tmp/berth-test-engine-$$}
	trap 'bash "$here/engine-down.sh" "$BERTH_ENGINE_DIR"' EXIT
	BERTH_TEST_DOCKER_HOST=$(bash "$here/engine-up.sh" "$BERTH_ENGINE_DIR")
	export BERTH_TEST_DOCKER_HOST
fi
echo "with-engine: using $BERTH_TEST_DOCKER_HOST" >&2
"$@"
