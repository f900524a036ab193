#!/usr/bin/env bash
# bench.sh measures canvasgit against git merge-file, git merge-tree (canvasgit replay
# and canvasgit gate), unzip -p and a hello-world Go binary, and writes docs/benchmarks.md with the commit it
# measured. Every figure in the docs comes from it.
#
#   scripts/bench.sh            all cases (about 4 minutes on 2 cores)
#   scripts/bench.sh -quick     fewer pairs, LuiseFreese history only (about a minute)
#   scripts/bench.sh -out /tmp/b.md
#
# Needs go, git, unzip and the corpus (../shared/corpus beside the repository, or
# CANVASGIT_CORPUS). Commit first: the page names the commit, and says so when the
# work tree had uncommitted changes.
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./scripts/bench "$@"
