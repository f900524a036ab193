// Command bench measures canvasgit against the tools it stands beside and writes
// docs/benchmarks.md: paired, alternating whole-process timings against git merge-file,
// git merge-tree (through canvasgit replay), unzip -p and a hello-world Go binary built
// in the same run, plus the engine's go test benchmarks. Run it through
// scripts/bench.sh from the repository root; -quick takes a few minutes.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func main() {
	quick := flag.Bool("quick", false, "fewer runs and no PowerAppCollab replay: a few minutes")
	out := flag.String("out", "docs/benchmarks.md", "the Markdown file to write")
	inputs := flag.String("inputs", "", "only write the driver cases' inputs into this folder, one folder per case")
	spawnMode := flag.Bool("spawn", false, "internal: run the command after -- once and print its cost (see run.once)")
	flag.Parse()
	if *spawnMode {
		if err := spawn(flag.Args()); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
			os.Exit(1)
		}
		return
	}
	if err := bench(*quick, *out, *inputs); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

// setup is what one run of the benchmarks shares: the binaries built for it and a
// scratch folder.
type setup struct {
	quick     bool
	pairs     int // pairs per process timing
	work      string
	canvasgit string
	hello     string
	corpus    string
	log       func(format string, args ...any)
}

func bench(quick bool, out, inputs string) error {
	work, err := os.MkdirTemp("", "canvasgit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	s := &setup{quick: quick, pairs: 21, work: work, corpus: corpus.Root(),
		log: func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }}
	if quick {
		s.pairs = 7
	}
	if s.corpus == "" {
		return fmt.Errorf("the corpus is not there (../shared/corpus beside the repository, or CANVASGIT_CORPUS): every case but the synthetic screens needs it")
	}
	if inputs != "" {
		return s.writeDriverInputs(inputs)
	}
	rep := report{started: time.Now().UTC(), quick: quick, pairs: s.pairs}
	if rep.commit, err = commitOf("."); err != nil {
		return err
	}
	rep.machine = machine()
	rep.freePageReporting = freePageReporting()
	rep.loadBefore = loadAverage()
	s.log("building canvasgit and hello-world")
	if s.canvasgit, err = s.build(); err != nil {
		return err
	}
	if s.hello, err = s.buildHello(); err != nil {
		return err
	}
	if rep.inits, err = s.initCost(); err != nil {
		return err
	}
	if rep.driver, err = s.driverRows(); err != nil {
		return err
	}
	if rep.textconv, err = s.textconvRows(); err != nil {
		return err
	}
	if rep.replay, err = s.replayRows(); err != nil {
		return err
	}
	if rep.gate, err = s.gateRows(); err != nil {
		return err
	}
	if rep.engine, err = s.engineRows(); err != nil {
		return err
	}
	rep.took = time.Since(rep.started).Round(time.Second)
	rep.loadAfter = loadAverage()
	return os.WriteFile(out, []byte(rep.markdown()), 0o644)
}

// build builds canvasgit as a release is built (.goreleaser.yaml): without cgo, so the
// binary is static like the downloaded one, and without the symbol table and debug
// information (-s -w). With cgo (the default where a C compiler is installed) pflag's
// import of net links libc dynamically, which costs every start.
func (s *setup) build() (string, error) {
	bin := filepath.Join(s.work, "canvasgit")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin+linked, "./cmd/canvasgit")
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return bin, installCopy(bin+linked, bin)
}

// linked names a binary as the linker wrote it, before installCopy.
const linked = ".linked"

// installCopy writes the binary the linker wrote as a new file, as a download, an
// archive tool or an installer writes the binary a user runs, and removes the linker's.
// The linker writes its output through a memory map, and a binary just written that
// way started slower here than the same bytes written by a copy: three paired runs of
// the tiny merge, 100 pairs each, gave the copy 0.85x, 0.87x and 0.89x the linker's time.
// Timing the linker's file would charge that to canvasgit and the floor (git, unzip and
// the references are installed binaries).
func installCopy(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.WriteFile(to, data, 0o755); err != nil {
		return err
	}
	return os.Remove(from)
}

// buildHello builds the floor: a Go program that prints one line, with the same
// toolchain as canvasgit.
func (s *setup) buildHello() (string, error) {
	dir := filepath.Join(s.work, "hello")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.22\n",
		"main.go": "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return "", err
		}
	}
	bin := filepath.Join(s.work, "hello-world")
	cmd := exec.Command("go", "build", "-o", bin+linked, ".")
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=", "CGO_ENABLED=0")
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return bin, installCopy(bin+linked, bin)
}

// commitOf names the commit measured, with "+ changes" when the work tree differs.
func commitOf(dir string) (string, error) {
	out, err := exec.Command("git", "-C", dir, "log", "-1", "--format=%h %s").Output()
	if err != nil {
		return "", fmt.Errorf("git log: %w", err)
	}
	commit := strings.TrimSpace(string(out))
	if st, _ := exec.Command("git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output(); len(st) > 0 {
		commit += " (with uncommitted changes)"
	}
	return commit, nil
}

func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	gitv, _ := exec.Command("git", "--version").Output()
	return fmt.Sprintf("%s, %d CPUs, %s/%s, %s, %s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), strings.TrimSpace(string(gitv)))
}

// freePageReporting reports a virtual machine that hands its free memory back to its
// host (virtio-balloon with free page reporting, feature bit 5): there a page the host
// took back costs more the first time it is touched again, so what starts many
// processes gets slower the longer the machine sat idle before (issue 18).
func freePageReporting() bool {
	devices, _ := filepath.Glob("/sys/bus/virtio/devices/*")
	for _, d := range devices {
		id, err := os.ReadFile(filepath.Join(d, "device"))
		if err != nil || strings.TrimSpace(string(id)) != "0x0005" { // a balloon
			continue
		}
		if f, err := os.ReadFile(filepath.Join(d, "features")); err == nil && len(f) > 5 && f[5] == '1' {
			return true
		}
	}
	return false
}

// loadAverage is the machine's 1-minute load average, to tell a busy run from an idle
// one ("" where /proc/loadavg is not there).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return ""
}
