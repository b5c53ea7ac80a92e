#!/usr/bin/env bash
# Builds berth variants for bench/startup.ts, each with one mechanism switched off,
# in copies of this work tree under $1 (default /tmp/berth-variants), and writes
# $1/variants.txt naming them. The copies share node_modules through links, but
# for a package whose patch a variant takes out, which is copied and un-patched.
# (The string-width variant is compared without a snapshot, as the other one is:
# string-width segmenting CJK text while a snapshot is made aborts V8's builder.)
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
				# patch-package leaves out a final newline its diff does not mark; git apply wants it.
				[ -z "$(tail -c1 "$dir/node_modules/$2/$3")" ] || echo >>"$dir/node_modules/$2/$3"
				(cd "$dir" && git apply -R --include="node_modules/$2/$3" "$root"/patches/"$2"+*.patch)
				shift 3 ;;
			*) echo "startup-variants: unknown step $1" >&2; exit 1 ;;
		esac
	done
	(cd "$dir" && node scripts/build.mjs)
	[ -r "$dir/dist/berth.blob" ] || echo "startup-variants: $name has no snapshot" >&2
}

variant all-on
variant no-row-reuse unpatch ink build/output.js
variant no-string-width-fast-path sed-edit scripts/bundle.mjs 'neverRun, stringWidthFastPath\]' 'neverRun]'

node=$(command -v node)
flags=$(sed -n "s/^flags='\(.*\)'$/\1/p" "$out/all-on/dist/berth")
cat >"$out/variants.txt" <<VARIANTS
all on=$out/all-on/dist/berth
no snapshot (code cache)=$out/all-on/dist/berth;BERTH_NO_SNAPSHOT=1
no snapshot, no code cache=$out/all-on/dist/berth;BERTH_NO_SNAPSHOT=1;BERTH_NO_CODE_CACHE=1
no launcher (node --snapshot-blob directly)=$node $flags --snapshot-blob $out/all-on/dist/berth.blob --;MALLOC_ARENA_MAX=1
VARIANTS
cat >"$out/cpu-variants.txt" <<VARIANTS
all on=$out/all-on/dist/berth
no Ink row reuse=$out/no-row-reuse/dist/berth
all on, without snapshot=$out/all-on/dist/berth;BERTH_NO_SNAPSHOT=1
no string-width fast path, without snapshot=$out/no-string-width-fast-path/dist/berth;BERTH_NO_SNAPSHOT=1
VARIANTS
echo "$out/variants.txt"
