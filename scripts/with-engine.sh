#!/usr/bin/env bash
# Runs a command with BERTH_TEST_DOCKER_HOST pointing at a private engine, the
# engine and the command inside a network namespace of their own: a test engine
# must never see (let alone delete) the machine's docker0, networks or rules, and
# 127.0.0.1 must mean the same place to the engine, the loopback services the
# tests start (registry, sshd, TLS listener) and the tests themselves.
# If BERTH_TEST_DOCKER_HOST is already set (a developer's long-lived test engine,
# e.g. in a shell opened with `bash scripts/with-engine.sh bash`), it is used as
# is, in the current namespace. Fails loudly if no engine can be had: engine
# tests are never skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "with-engine: $*" >&2; exit 1; }

here_netns=$(readlink /proc/self/ns/net)
if [ "${BERTH_TEST_NETNS:-}" = new ]; then
	ip link set lo up || fail "could not bring up loopback in the new network namespace"
	export BERTH_TEST_NETNS=$here_netns
elif [ -z "${BERTH_TEST_DOCKER_HOST:-}" ] && [ "${BERTH_TEST_NETNS:-}" != "$here_netns" ]; then
	[ "$(id -u)" = 0 ] || fail "a private network namespace needs root; run as root"
	command -v unshare >/dev/null || fail "unshare not found: install util-linux"
	# Not `ip netns exec`: it remounts /sys, which leaves dockerd without its cgroups.
	# No --fork either: a network namespace needs none, and signals then reach this script.
	BERTH_HOST_NETNS=$here_netns BERTH_TEST_NETNS=new exec unshare --net -- bash "$0" "$@"
fi

if [ -z "${BERTH_TEST_DOCKER_HOST:-}" ]; then
	export BERTH_ENGINE_DIR=${BERTH_ENGINE_DIR:-/tmp/berth-test-engine-$$}
	trap 'bash "$here/engine-down.sh" "$BERTH_ENGINE_DIR"' EXIT
	BERTH_TEST_DOCKER_HOST=$(bash "$here/engine-up.sh" "$BERTH_ENGINE_DIR")
	export BERTH_TEST_DOCKER_HOST
fi
echo "with-engine: using $BERTH_TEST_DOCKER_HOST" >&2
"$@"
