#!/usr/bin/env bash
# bench-compare.sh proves a speed change changed no output: it runs two canvasgit
# binaries over every file both sides changed in every merge of the corpus histories
# (the driver, as git calls it) and over every corpus app (textconv), and compares the
# bytes written and the exit codes.
#
#   git worktree add /tmp/old <commit> && (cd /tmp/old && go build -o /tmp/cg-old ./cmd/canvasgit)
#   go build -o /tmp/cg-new ./cmd/canvasgit
#   scripts/bench-compare.sh /tmp/cg-old /tmp/cg-new
#
# Prints one line per difference and a summary; exit 1 when anything differs. Needs the
# corpus (../shared/corpus beside the repository, or CANVASGIT_CORPUS).
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
cd "$(dirname "$0")/.."
corpus=${CANVASGIT_CORPUS:-$(realpath ../shared/corpus 2>/dev/null || true)}
if [ ! -d "$corpus/merges" ]; then
	echo "bench-compare: the corpus is not there (../shared/corpus or CANVASGIT_CORPUS)" >&2
	exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=0
diffs=0
# run BIN OUT PATH BASE OURS THEIRS: the driver on a copy of OURS; prints the exit code.
run() {
	cp "$5" "$2"
	set +e
	"$1" merge --marker-size=7 --conflict-style=merge --path="$3" "$4" "$2" "$6" 2>"$2.err"
	echo $?
	set -e
}
for bundle in "$corpus"/merges/*.bundle; do
	repo="$work/$(basename "$bundle" .bundle).git"
	git clone -q --mirror "$bundle" "$repo"
	while read -r m p1 p2; do
		base=$(git -C "$repo" merge-base "$p1" "$p2" 2>/dev/null) || continue
		comm -12 <(git -C "$repo" diff --name-only --no-renames --diff-filter=M "$base" "$p1" | sort) \
			<(git -C "$repo" diff --name-only --no-renames --diff-filter=M "$base" "$p2" | sort) |
			while IFS= read -r path; do
				for side in "$base" "$p1" "$p2"; do
					git -C "$repo" cat-file blob "$side:$path" >"$work/$side.blob"
				done
				if cmp -s "$work/$p1.blob" "$work/$p2.blob"; then
					continue
				fi
				a=$(run "$old" "$work/out-old" "$path" "$work/$base.blob" "$work/$p1.blob" "$work/$p2.blob")
				b=$(run "$new" "$work/out-new" "$path" "$work/$base.blob" "$work/$p1.blob" "$work/$p2.blob")
				echo file >>"$work/count"
				if [ "$a" != "$b" ] || ! cmp -s "$work/out-old" "$work/out-new" || ! cmp -s "$work/out-old.err" "$work/out-new.err"; then
					echo "differs: $(basename "$repo") $m $path (exit $a / $b)"
					echo diff >>"$work/count"
				fi
			done
	done < <(git -C "$repo" rev-list --all --merges --parents | awk 'NF == 3')
done
for app in "$corpus"/msapp/*.msapp "$corpus"/pairs/*/app.msapp; do
	[ -f "$app" ] || continue
	set +e
	"$old" textconv "$app" >"$work/tc-old" 2>&1
	a=$?
	"$new" textconv "$app" >"$work/tc-new" 2>&1
	b=$?
	set -e
	echo file >>"$work/count"
	if [ "$a" != "$b" ] || ! cmp -s "$work/tc-old" "$work/tc-new"; then
		echo "differs: textconv $app (exit $a / $b)"
		echo diff >>"$work/count"
	fi
done
files=$(grep -c file "$work/count" || true)
diffs=$(grep -c diff "$work/count" || true)
echo "bench-compare: $files outputs compared (driver and textconv), $diffs differ"
[ "$diffs" -eq 0 ]
