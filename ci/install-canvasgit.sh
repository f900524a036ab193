#!/usr/bin/env bash
# Installs a canvasgit release binary for CI, verified against the release's
# checksums.txt: no Go toolchain, no build. Used by action.yml; the Azure Pipelines
# template (ci/azure-pipelines/canvasgit-gate.yml) holds the same script inline, and
# ci_install_test.go checks that both copies agree.
#
# Environment:
#   CANVASGIT_VERSION     a release tag (v1.2.0), or "latest" for the newest release
#   CANVASGIT_BIN_DIR     folder to put canvasgit (canvasgit.exe on Windows) in
#   CANVASGIT_REPOSITORY  owner/name on GitHub (default canvasgit/canvasgit)
#   CANVASGIT_RELEASE_URL where release assets live (default
#                         https://github.com/OWNER/NAME/releases/download; tests use file://)
#   CANVASGIT_OS, CANVASGIT_ARCH  override the detected windows|darwin|linux, amd64|arm64
set -euo pipefail

fail() { echo "canvasgit install: $*" >&2; exit 1; }

version=${CANVASGIT_VERSION:-}
bin=${CANVASGIT_BIN_DIR:-}
repo=${CANVASGIT_REPOSITORY:-canvasgit/canvasgit}
[ -n "$bin" ] || fail "CANVASGIT_BIN_DIR is not set"
if [ "$version" = latest ]; then
  # GitHub redirects /releases/latest to /releases/tag/<newest tag>.
  url=$(curl -fsSL --retry 3 -o /dev/null -w '%{url_effective}' "https://github.com/$repo/releases/latest") ||
    fail "cannot find the latest release of $repo"
  version=${url##*/}
  echo "canvasgit install: latest release of $repo is $version (pin it for repeatable builds)"
fi
case "$version" in
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) fail "version \"$version\" is not a release tag such as v1.2.0 (a branch or commit needs a build from source)" ;;
esac
base=${CANVASGIT_RELEASE_URL:-https://github.com/$repo/releases/download}

os=${CANVASGIT_OS:-}
if [ -z "$os" ]; then
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=windows ;;
    *) fail "no canvasgit release for the operating system $(uname -s)" ;;
  esac
fi
arch=${CANVASGIT_ARCH:-}
if [ -z "$arch" ]; then
  case "$(uname -m)" in
    x86_64 | amd64 | AMD64) arch=amd64 ;;
    aarch64 | arm64 | ARM64) arch=arm64 ;;
    *) fail "no canvasgit release for the processor $(uname -m)" ;;
  esac
fi
ext=tar.gz exe=
if [ "$os" = windows ]; then ext=zip exe=.exe; fi
archive="canvasgit_${version#v}_${os}_${arch}.${ext}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL --retry 3 -o "$tmp/checksums.txt" "$base/$version/checksums.txt" ||
  fail "cannot download checksums.txt of $version from $base/$version/"
curl -fsSL --retry 3 -o "$tmp/$archive" "$base/$version/$archive" ||
  fail "cannot download $archive from $base/$version/"

want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/checksums.txt")
[ -n "$want" ] || fail "checksums.txt of $version has no line for $archive"
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$tmp/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$tmp/$archive" | awk '{ print $1 }')
fi
[ "$got" = "$want" ] || fail "$archive does not match checksums.txt of $version (sha256 $got, expected $want): not installed"

mkdir -p "$tmp/x" "$bin"
if [ "$ext" = zip ]; then
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$tmp/$archive" -d "$tmp/x"
  else
    pwsh -NoProfile -Command "Expand-Archive -LiteralPath '$tmp/$archive' -DestinationPath '$tmp/x'"
  fi
else
  tar -xzf "$tmp/$archive" -C "$tmp/x"
fi
[ -f "$tmp/x/canvasgit$exe" ] || fail "$archive holds no canvasgit$exe"
cp "$tmp/x/canvasgit$exe" "$bin/canvasgit$exe"
chmod +x "$bin/canvasgit$exe"
echo "canvasgit install: $archive verified (sha256 $got)"
"$bin/canvasgit$exe" version
