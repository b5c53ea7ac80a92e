#!/usr/bin/env bash
# Starts a private, disposable Docker engine for tests and benchmarks, with its
# own socket, data-root, exec-root and pidfile. Prints the DOCKER_HOST to use.
# It refuses to run outside the network namespace scripts/with-engine.sh makes:
# its flags (--bridge=none, no iptables) do not keep a daemon off the machine's
# network, and in the machine's own namespace it deleted the machine's docker0.
# Usage: scripts/engine-up.sh [DIR]   (default /tmp/berth-test-engine)
set -euo pipefail
dir=${1:-${BERTH_ENGINE_DIR:-/tmp/berth-test-engine}}
sock="$dir/docker.sock"
host="unix://$sock"

fail() { echo "engine-up: $*" >&2; exit 1; }
command -v dockerd >/dev/null || fail "dockerd not found: install it (apt-get install -y docker.io)"
command -v busybox >/dev/null || fail "busybox not found: install it (apt-get install -y busybox-static)"
[ "$(id -u)" = 0 ] || fail "dockerd needs root; run as root"
here_netns=$(readlink /proc/self/ns/net)
[ -n "${BERTH_TEST_NETNS:-}" ] && [ "$here_netns" = "$BERTH_TEST_NETNS" ] ||
	fail "not inside a test network namespace: run it through scripts/with-engine.sh (e.g. bash scripts/with-engine.sh bash)"
# Where /proc/1 can be read, check against the machine's namespace itself too;
# where it cannot, a default route gives the machine's network away.
[ "$here_netns" != "$(readlink /proc/1/ns/net 2>/dev/null)" ] || fail "this is the machine's own network namespace"
[ -z "$(ip route show default; ip -6 route show default 2>/dev/null)" ] || fail "this network namespace has a default route: not one with-engine made"

mkdir -p "$dir"
if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
	echo "engine-up: reusing the engine already running in $dir" >&2
else
	rm -f "$sock" "$dir/dockerd.pid"
	extra=()
	# BERTH_ENGINE_TLS_PORT=N also listens on tcp://127.0.0.1:N with mutual TLS,
	# certificates made here ($dir/tls/client holds ca.pem, cert.pem, key.pem
	# for DOCKER_CERT_PATH), to test tcp:// + DOCKER_TLS_VERIFY for real.
	if [ -n "${BERTH_ENGINE_TLS_PORT:-}" ]; then
		bash "$(dirname "$0")/make-tls.sh" "$dir/tls" >/dev/null
		extra=(--host "tcp://127.0.0.1:$BERTH_ENGINE_TLS_PORT" --tlsverify --tlscacert "$dir/tls/ca.pem"
			--tlscert "$dir/tls/server-cert.pem" --tlskey "$dir/tls/server-key.pem")
	fi
	nohup dockerd --host "$host" "${extra[@]}" --data-root "$dir/data" --exec-root "$dir/exec" \
		--pidfile "$dir/dockerd.pid" --bridge=none --iptables=false --ip-forward=false \
		--ip-masq=false >"$dir/dockerd.log" 2>&1 &
fi

# Wait for /_ping rather than sleeping a fixed time.
for _ in $(seq 1 150); do
	if curl -fsS --unix-socket "$sock" http://engine/_ping >/dev/null 2>&1; then ready=1; break; fi
	sleep 0.2
done
[ "${ready:-}" = 1 ] || { tail -n 30 "$dir/dockerd.log" >&2; fail "engine did not answer on $sock within 30 s"; }

# A base image without a registry: busybox and its applet links, imported.
if ! DOCKER_HOST=$host docker image inspect berth-test/busybox:latest >/dev/null 2>&1; then
	rootfs=$(mktemp -d)
	mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root"
	cp "$(command -v busybox)" "$rootfs/bin/busybox"
	for applet in $(busybox --list); do
		[ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
	done
	echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
	tar -C "$rootfs" -c . | DOCKER_HOST=$host docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - berth-test/busybox:latest >/dev/null
	rm -rf "$rootfs"
fi
echo "$host"
