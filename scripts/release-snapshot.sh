#!/usr/bin/env bash
# Builds a release snapshot with GoReleaser, offline and without publishing anything,
# and checks what a release would ship: the six archives (Windows as .zip; macOS and
# Linux as .tar.gz; amd64 and arm64), checksums.txt matching them, and a linux/amd64
# binary that prints the version, commit and date stamped into it.
#
# GoReleaser comes from the tools module (tools/go.mod), so its dependencies never enter
# canvasgit's own go.mod. Set GORELEASER to an already built goreleaser to skip the build.
# Too slow for `go test` (see docs/releasing.md): run it before tagging a release.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "release-snapshot: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

goreleaser=${GORELEASER:-}
if [ -z "$goreleaser" ]; then
  echo "== building goreleaser (tools/go.mod)"
  go -C tools build -o "$work/goreleaser" github.com/goreleaser/goreleaser/v2
  goreleaser="$work/goreleaser"
fi

# GoReleaser reads the repository's remote URL; a clone without one (a fresh git init,
# a worktree made for a test) would get placeholder commit values. Name the project's
# own URL for GoReleaser's git commands only.
if [ -z "$(git remote)" ]; then
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url
  export GIT_CONFIG_VALUE_0=https://github.com/canvasgit/canvasgit.git
fi

echo "== goreleaser check"
"$goreleaser" check
echo "== goreleaser release --snapshot --clean"
"$goreleaser" release --snapshot --clean

echo "== checking dist/"
version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' dist/metadata.json | head -n 1)
[ -n "$version" ] || fail "dist/metadata.json names no version"
commit=$(git rev-parse HEAD)
archives=()
for target in windows_amd64.zip windows_arm64.zip darwin_amd64.tar.gz darwin_arm64.tar.gz \
  linux_amd64.tar.gz linux_arm64.tar.gz; do
  a="canvasgit_${version}_${target}"
  [ -f "dist/$a" ] || fail "missing archive dist/$a"
  archives+=("$a")
done
[ "$(wc -l < dist/checksums.txt)" -eq 6 ] || fail "dist/checksums.txt does not have one line per archive"
for a in "${archives[@]}"; do
  grep -q "  $a\$" dist/checksums.txt || fail "dist/checksums.txt has no line for $a"
done
(cd dist && sha256sum -c checksums.txt) || fail "an archive does not match dist/checksums.txt"

# Listed into a variable first: grep -q stopping early would fail the pipe (pipefail).
listing=$(unzip -l "dist/canvasgit_${version}_windows_amd64.zip")
grep -q ' canvasgit\.exe$' <<<"$listing" || fail "the Windows archive holds no canvasgit.exe"
tar -xzf "dist/canvasgit_${version}_linux_amd64.tar.gz" -C "$work" canvasgit
got=$("$work/canvasgit" version)
want="canvasgit v${version} (commit ${commit:0:12}, committed "
case "$got" in
  "$want"*) ;;
  *) fail "linux/amd64 binary prints \"$got\", expected it to start with \"$want\"" ;;
esac
echo "ok: 6 archives, checksums.txt verified; linux/amd64 prints: $got"
