#!/usr/bin/env bash
# Builds berth variants for bench/startup.ts, each with one mechanism switched off,
# in copies of this work tree under $1 (default /tmp/berth-variants), and writes
# $1/variants.txt naming them. The copies share node_modules through links, but
# for a package whose patch a variant takes out, which is copied and un-patched.
# Usage: bash bench/startup-variants.sh [DIR]; then
#   BENCH_VARIANTS=DIR/variants.txt BENCH_SIZES=100 BENCH_LAUNCHES=11 bash scripts/with-engine.sh node --import tsx bench/startup.ts
#   (with BENCH_WINDOW_S=30 for steady-state CPU).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/berth-variants}
mkdir -p "$out"

# variant NAME [sed-edit FILE EXPRESSION | unpatch PACKAGE FILE]...
variant() {
	local name=$1 dir="$out/$1"
	shift
	rm -rf "$dir"
	mkdir -p "$dir/node_modules"
	(cd "$root" && tar --exclude=./node_modules --exclude=./dist --exclude=./.git -cf - .) | tar -C "$dir" -xf -
	for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do ln -s "$entry" "$dir/node_modules/"; done
	while [ $# -gt 0 ]; do
		case $1 in
			sed-edit)
				before=$(cksum <"$dir/$2")
				sed -i "s|$3|$4|" "$dir/$2"
				[ "$(cksum <"$dir/$2")" != "$before" ] || { echo "startup-variants: $name: no '$3' in $2" >&2; exit 1; }
				shift 4 ;;
			unpatch)
				if [ -L "$dir/node_modules/$2" ]; then rm "$dir/node_modules/$2"; cp -a "$root/node_modules/$2" "$dir/node_modules/$2"; fi
				(cd "$dir" && git apply -R --include="node_modules/$2/$3" "$root"/patches/"$2"+*.patch)
				shift 3 ;;
			*) echo "startup-variants: unknown step $1" >&2; exit 1 ;;
		esac
	done
	(cd "$dir" && node scripts/build.mjs)
	[ -r "$dir/dist/berth.blob" ] || echo "startup-variants: $name has no snapshot" >&2
}

variant all-on
variant no-warm-render sed-edit source/startup/prepare-snapshot.ts '^\twarmRender();$' ''
variant no-early-yoga sed-edit source/cli.tsx '^\tstartLayoutEngine();$' ''
variant no-meow-patch unpatch meow build/dependencies.js
variant no-modem-patch unpatch docker-modem lib/modem.js
variant no-row-reuse unpatch ink build/output.js
variant no-sanitize-fast-path unpatch ink build/sanitize-ansi.js
variant no-string-width-fast-path sed-edit scripts/bundle.mjs 'neverRun, stringWidthFastPath\]' 'neverRun]'

node=$(command -v node)
flags=$(sed -n "s/^flags='\(.*\)'$/\1/p" "$out/all-on/dist/berth")
cat >"$out/variants.txt" <<VARIANTS
all on=$out/all-on/dist/berth
no snapshot (code cache)=$out/all-on/dist/berth;BERTH_NO_SNAPSHOT=1
no snapshot, no code cache=$out/all-on/dist/berth;BERTH_NO_SNAPSHOT=1;BERTH_NO_CODE_CACHE=1
no warm render (nor stand-in yoga)=$out/no-warm-render/dist/berth
no early yoga start=$out/no-early-yoga/dist/berth
no meow patch=$out/no-meow-patch/dist/berth
no docker-modem patch=$out/no-modem-patch/dist/berth
no launcher (node --snapshot-blob directly)=$node $flags --snapshot-blob $out/all-on/dist/berth.blob --;MALLOC_ARENA_MAX=1
VARIANTS
cat >"$out/cpu-variants.txt" <<VARIANTS
all on=$out/all-on/dist/berth
no Ink row reuse=$out/no-row-reuse/dist/berth
no sanitiser fast path=$out/no-sanitize-fast-path/dist/berth
no string-width fast path=$out/no-string-width-fast-path/dist/berth
no docker-modem patch=$out/no-modem-patch/dist/berth
VARIANTS
echo "$out/variants.txt"
