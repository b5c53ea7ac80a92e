#!/bin/sh
# berth's command (the npm bin). Node starts from berth's start-up snapshot,
# dist/berth.blob, with every module already loaded, when that snapshot was made
# by this very node binary and version for this very folder (scripts/snapshot.mjs
# writes them in dist/berth.blob.made-by at install). Otherwise, or with BERTH_NO_SNAPSHOT=1,
# it runs dist/cli.js, which loads the bundle through V8's code cache.
# Plain sh and a few small commands (readlink, ls, node --version): this runs
# before every start.

self=$0
case $self in */*) ;; *) self=./$self ;; esac
# npm links the bin into node_modules/.bin; the snapshot sits beside the real file.
while [ -L "$self" ]; do
	link=$(readlink "$self")
	case $link in
		/*) self=$link ;;
		*) self=${self%/*}/$link ;;
	esac
done
dist=$(cd "${self%/*}" && pwd -P)

node=$(command -v node) || {
	echo 'berth: Node.js 20 or newer is needed, and no node is on PATH.' >&2
	exit 127
}

# The V8 flags the snapshot and the code cache are made with (V8 refuses either
# under other flags); scripts/build.mjs fills them in.
flags='@NODE_FLAGS@'

# One malloc arena instead of one per thread (glibc; others ignore it): with V8's
# helper threads each growing its own, peak RSS with 100 containers was about
# 96 MB, and 85 MB with one, for the same CPU (npm run bench). The caller's value wins.
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}
export MALLOC_ARENA_MAX

if [ "${BERTH_NO_SNAPSHOT:-}" != 1 ] && [ -r "$dist/berth.blob" ] && [ -r "$dist/berth.blob.made-by" ]; then
	read -r made_by < "$dist/berth.blob.made-by"
	# The inode of the node binary: an upgraded or another node has another.
	# A version manager's shim (volta, asdf) keeps its inode whichever node it
	# runs, so the version is compared too (node --version answers in a few ms).
	this=$(ls -iL "$node" 2>/dev/null)
	this=${this#"${this%%[! ]*}"}
	case $made_by in
		"${this%% *} "*" $dist")
			version=${made_by#* }
			if [ "${version%% *}" = "$("$node" --version 2>/dev/null)" ]; then
				exec "$node" $flags --snapshot-blob "$dist/berth.blob" -- "$@"
			fi
			;;
	esac
fi
exec "$node" $flags "$dist/cli.js" "$@"
