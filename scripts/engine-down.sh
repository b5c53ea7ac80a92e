#!/usr/bin/env bash
# Stops the private test engine started by engine-up.sh and removes its files.
set -uo pipefail
dir=${1:-${BERTH_ENGINE_DIR:-/tmp/berth-test-engine}}
if [ -f "$dir/dockerd.pid" ]; then
	pid=$(cat "$dir/dockerd.pid")
	DOCKER_HOST="unix://$dir/docker.sock" docker rm -f $(DOCKER_HOST="unix://$dir/docker.sock" docker ps -aq 2>/dev/null) >/dev/null 2>&1
	kill "$pid" 2>/dev/null
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill -9 "$pid" 2>/dev/null
fi
# Mounts under the data-root can outlive the daemon; unmount before deleting.
grep -o " $dir/[^ ]*" /proc/mounts 2>/dev/null | sort -r | xargs -r -n1 umount -l 2>/dev/null
rm -rf "$dir"
exit 0
