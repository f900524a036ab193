#!/usr/bin/env bash
# fuzz.sh runs every Go fuzz target of the repository, one after the other, for FUZZTIME
# each. The targets are listed with `go test -list '^Fuzz'` in every package, so a target
# added later is fuzzed without editing this script.
#
#   scripts/fuzz.sh                      every target, 10m each, -parallel 1
#   FUZZTIME=30s scripts/fuzz.sh ./check/ ./gate/
#   PARALLEL=2 scripts/fuzz.sh ./source/fxyaml/
#
# Arguments are package patterns (default ./...). FUZZTIME is go test's -fuzztime (a
# duration such as 10m, or a count such as 100000x); PARALLEL is -parallel, the number of
# fuzzing workers (default 1: the machine is usually shared).
# The first failing target stops the run: its output, the path of the failing input
# go test wrote under the package's testdata/fuzz/<Target>/, and exit status 1.
# Inputs that found new coverage stay in go's cache ($(go env GOCACHE)/fuzz/<pkg>/<Target>);
# copy small interesting ones into testdata/fuzz/<Target>/ so every `go test` runs them.
set -euo pipefail

fuzztime=${FUZZTIME:-10m}
parallel=${PARALLEL:-1}
cd "$(dirname "$0")/.."

if [ "$#" -eq 0 ]; then
	set -- ./...
fi

# Packages that have at least one test file; -list needs a test binary.
mapfile -t pkgs < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' "$@")

ran=0
for pkg in "${pkgs[@]}"; do
	[ -n "$pkg" ] || continue
	mapfile -t targets < <(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
	for target in "${targets[@]}"; do
		[ -n "$target" ] || continue
		echo "== $pkg $target (fuzztime $fuzztime, parallel $parallel)"
		log=$(mktemp)
		start=$(date +%s)
		# -run matches nothing, so only the fuzz target (and its seed corpus) runs.
		if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" \
			-parallel "$parallel" >"$log" 2>&1; then
			tail -n 3 "$log"
			echo "== ok $pkg $target in $(($(date +%s) - start))s"
			rm -f "$log"
			ran=$((ran + 1))
			continue
		fi
		cat "$log"
		echo "== FAIL $pkg $target after $(($(date +%s) - start))s"
		# go test prints "Failing input written to testdata/fuzz/<Target>/<hash>" and
		# "To re-run: go test -run=<Target>/<hash>"; name the file from the repository root.
		dir=$(go list -f '{{.Dir}}' "$pkg")
		input=$(sed -n 's/.*Failing input written to \(.*\)$/\1/p' "$log" | head -n 1)
		if [ -n "$input" ]; then
			echo "failing input: ${dir#"$PWD"/}/$input"
		else
			echo "no failing input was written (build error or timeout?); full log above"
		fi
		rm -f "$log"
		exit 1
	done
done
echo "== all $ran fuzz targets passed (fuzztime $fuzztime each)"
