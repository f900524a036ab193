package textconv

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// benchApps are the largest corpus apps (3+ MB): the speed target is
// textconv within 1.5x of `unzip -p FILE` on them.
var benchApps = []string{"EmptyLocalDBRefsHashMismatchProperties.msapp", "AccountPlanReviewerMaster.msapp"}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// canvasgitBinary builds the real command once per test binary, so the process
// benchmark pays what git pays: a fresh process per conversion.
func canvasgitBinary(b *testing.B) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "canvasgit-bench")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "canvasgit")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/canvasgit").CombinedOutput()
		if err != nil {
			buildErr = &buildFailure{string(out)}
		}
	})
	if buildErr != nil {
		b.Skipf("cannot build canvasgit: %v", buildErr)
	}
	return binPath
}

type buildFailure struct{ out string }

func (e *buildFailure) Error() string { return e.out }

// BenchmarkTextconv compares, per app, three ways of turning it into text:
//
//	impl=canvasgit   `canvasgit textconv FILE` as a process (what git runs)
//	impl=unzip       `unzip -p FILE` as a process (the baseline: decompress only)
//	impl=inprocess   Open + Render in this process (no process start-up)
//
// maxrss-KB is the peak resident memory of one run of the process (measured with
// GNU time when it is installed) and largest-entry-KB the biggest decompressed entry,
// for the claim that memory follows the largest entry, not the archive.
func BenchmarkTextconv(b *testing.B) {
	dir := corpus.Dir(b, "msapp")
	for _, app := range benchApps {
		file := filepath.Join(dir, app)
		if _, err := os.Stat(file); err != nil {
			b.Skipf("%s not in the corpus", app)
		}
		largest := largestEntryKB(b, file)
		b.Run("app="+app+"/impl=canvasgit", func(b *testing.B) {
			runProcess(b, largest, canvasgitBinary(b), "textconv", file)
		})
		b.Run("app="+app+"/impl=unzip", func(b *testing.B) {
			unzip, err := exec.LookPath("unzip")
			if err != nil {
				b.Skip("unzip is not installed")
			}
			runProcess(b, largest, unzip, "-p", file)
		})
		b.Run("app="+app+"/impl=inprocess", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, err := Open(file, DefaultLimits)
				if err != nil {
					b.Fatal(err)
				}
				if err := Render(io.Discard, a, Options{}); err != nil {
					b.Fatal(err)
				}
				a.Close()
			}
			b.ReportMetric(largest, "largest-entry-KB")
		})
	}
}

func runProcess(b *testing.B, largest float64, name string, args ...string) {
	for b.Loop() {
		cmd := exec.Command(name, args...)
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
	}
	if kb, ok := peakRSS(name, args...); ok {
		b.ReportMetric(kb, "maxrss-KB")
	}
	b.ReportMetric(largest, "largest-entry-KB")
}

// peakRSS runs the command once under GNU time and returns its peak resident set.
// Its own rusage is not used: on Linux a child's ru_maxrss starts from the parent's
// resident size at fork, and this test process is large.
func peakRSS(name string, args ...string) (float64, bool) {
	gnuTime, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		return 0, false
	}
	f, err := os.CreateTemp("", "maxrss")
	if err != nil {
		return 0, false
	}
	f.Close()
	defer os.Remove(f.Name())
	cmd := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", f.Name(), name}, args...)...)
	cmd.Stdout = io.Discard
	if cmd.Run() != nil {
		return 0, false
	}
	out, err := os.ReadFile(f.Name())
	if err != nil {
		return 0, false
	}
	kb, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	return kb, err == nil
}

func largestEntryKB(b *testing.B, file string) float64 {
	a, err := Open(file, DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	var max uint64
	for _, e := range a.Entries {
		max = maxU(max, e.Size)
	}
	return float64(max) / 1024
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// BenchmarkTextconvScreens renders generated apps that differ only in their number
// of screens (each screen file about 1 MB): peak memory (maxrss-KB) should grow
// only by the screens' rendered text, since each screen is rendered as it is
// decoded and only its text is kept until its section is written.
func BenchmarkTextconvScreens(b *testing.B) {
	for _, screens := range []int{10, 40} {
		file, total := generatedApp(b, screens, 1500)
		b.Run("screens="+strconv.Itoa(screens), func(b *testing.B) {
			runProcess(b, largestEntryKB(b, file), canvasgitBinary(b), "textconv", file)
			b.ReportMetric(float64(total)/1024, "decompressed-KB")
		})
	}
}

// generatedApp writes an msapp with the given number of screens of labels each and
// returns its path and decompressed size.
func generatedApp(b *testing.B, screens, labels int) (string, int) {
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp}}
	for s := 0; s < screens; s++ {
		var sb strings.Builder
		id := 1000 * (s + 2)
		sb.WriteString(`{"TopParent":{"Name":"Screen` + strconv.Itoa(s) + `","ControlUniqueId":"` + strconv.Itoa(id) +
			`","Index":` + strconv.Itoa(s) + `.0,"Template":{"Name":"screen"},"Rules":[],"Children":[`)
		for l := 0; l < labels; l++ {
			if l > 0 {
				sb.WriteByte(',')
			}
			n := strconv.Itoa(s) + "_" + strconv.Itoa(l)
			sb.WriteString(`{"Name":"Label` + n + `","ControlUniqueId":"` + strconv.Itoa(id+l+1) +
				`","Template":{"Name":"label"},"Rules":[{"Property":"Text","InvariantScript":"\"Label ` + n +
				` with some text to make it longer\""},{"Property":"X","InvariantScript":"` + strconv.Itoa(l) +
				`"},{"Property":"OnSelect","InvariantScript":"Set(varSelected, \"` + n + `\"); Navigate(Screen1, ScreenTransition.Fade)"},` +
				`{"Property":"ZIndex","InvariantScript":"` + strconv.Itoa(l+1) + `"}],"Children":[]}`)
		}
		sb.WriteString(`]}}`)
		files = append(files, zfile{`Controls\` + strconv.Itoa(s+2) + `.json`, sb.String()})
	}
	total := 0
	for _, f := range files {
		total += len(f.data)
	}
	path := filepath.Join(b.TempDir(), "generated.msapp")
	if err := os.WriteFile(path, makeZip(b, files), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, total
}
