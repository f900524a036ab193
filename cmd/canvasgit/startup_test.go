package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// maxInitAllocs bounds the allocations of all package initialisations of the built
// binary together. git starts the merge driver once per merged file, so every start
// pays them (issue 18). The JSON Schema library check used before made 21,285 alone
// (it compiled its meta-schemas at init); go-git, through gcfg and encoding/gob, about
// 630. After both left and canvasgit's own tables and regexps became lazy, the 67
// inits made 595 allocations on 2026-12-06 (yaml 276, go-diff's regexps 79, a few dozen
// each for the rest); 514 on 2026-12-07, once canvasgit's own packages initialised
// nothing (TestStartupStaysLight checks that too): yaml.v3 276, go-diff 79, then the
// standard library's. 540 leaves room for ordinary growth and still fails when a
// library with a heavy init comes back. Allocations, not time: the count is the same
// on every machine and under any load.
const maxInitAllocs = 540

// initializingOwnPackages are the packages of this module that may have init work:
// stackreserve, whose init is its purpose, and two packages other work has not made
// init-free yet. Any other package of the module must initialise nothing: package
// variables laid out by the compiler (literals, switches instead of maps, lazy.Of for
// what must be built), since every init runs at every start of the binary and touches
// its own page of code (issue 18).
var initializingOwnPackages = map[string]bool{
	stackReservePkg: true,
	"github.com/canvasgit/canvasgit/source/jsondoc":  true,
	"github.com/canvasgit/canvasgit/merge/jsonmerge": true,
}

var initLine = regexp.MustCompile(`^init (\S+) @.* ([0-9]+) bytes, ([0-9]+) allocs$`)

// The real binary, started as git starts the merge driver on a tiny text merge, must
// initialise light: GODEBUG=inittrace=1 makes the runtime print each package's init
// with its allocations.
func TestStartupStaysLight(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "canvasgit")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	files := map[string]string{"base": "a\nb\nc\n", "ours": "A\nb\nc\n", "theirs": "a\nb\nC\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "merge", "--path=x.txt", "base", "ours", "theirs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("canvasgit merge: %v\n%s", err, stderr.String())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "ours")); string(got) != "A\nb\nC\n" {
		t.Fatalf("merge result %q, want %q", got, "A\nb\nC\n")
	}

	type pkgInit struct {
		pkg    string
		allocs int
	}
	var inits []pkgInit
	total := 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[3])
		inits = append(inits, pkgInit{m[1], n})
		total += n
	}
	// The runtime, os and the packages canvasgit itself initialises are always there:
	// far fewer lines means the trace format changed and the sum means nothing.
	if len(inits) < 20 {
		t.Fatalf("read %d init lines from GODEBUG=inittrace=1, want the binary's packages; stderr:\n%s", len(inits), stderr.String())
	}
	for _, in := range inits {
		if strings.HasPrefix(in.pkg, "github.com/canvasgit/canvasgit/") && !initializingOwnPackages[in.pkg] {
			t.Errorf("package %s has init work (%d allocations): build its variables at compile time or on first use", in.pkg, in.allocs)
		}
	}
	if total > maxInitAllocs {
		sort.SliceStable(inits, func(i, j int) bool { return inits[i].allocs > inits[j].allocs })
		var top []string
		for _, in := range inits[:min(5, len(inits))] {
			top = append(top, fmt.Sprintf("%s %d", in.pkg, in.allocs))
		}
		t.Errorf("the %d package inits allocate %d times, more than %d; the heaviest: %s",
			len(inits), total, maxInitAllocs, strings.Join(top, ", "))
	}
	t.Logf("%d package inits, %d allocations", len(inits), total)

	// The stack is grown once, before the first standard init that outgrows a 2 KiB
	// stack (internal/godebug's): see internal/stackreserve.
	order := map[string]int{}
	for i, in := range inits {
		order[in.pkg] = i
	}
	reserve, okR := order[stackReservePkg]
	godebug, okG := order["internal/godebug"]
	switch {
	case !okR:
		t.Errorf("no init of %s in the trace", stackReservePkg)
	case okG && reserve > godebug:
		t.Errorf("%s initialises after internal/godebug (init %d, not before %d)", stackReservePkg, reserve, godebug)
	}
}

const stackReservePkg = "github.com/canvasgit/canvasgit/cmd/canvasgit/internal/stackreserve"
