package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/gitsetup"
)

// row is one paired timing: canvasgit against a reference command.
type row struct {
	name, reference string
	inputBytes      int // the largest input
	p               pairing
	// target is the ratio issue 18 asks for (0: none); rssTarget the peak RSS over
	// the input it asks for (0: none).
	target, rssTarget float64
}

// targets are issue 18's "done when", by driver case (index in driverInputs).
var driverTargets = []struct{ ratio, rss float64 }{
	{2, 0}, {1.5, 0}, {1.5, 0}, {0, 0}, {0, 0}, {2, 8}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0},
}

const pac = "PowerAppCollab+PowerApps0.1"

// driverRows times `canvasgit merge` (the driver as git starts it) against
// `git merge-file -p` on the same three files, and hello-world against git merge-file
// on the smallest, as the floor of any Go process.
func (s *setup) driverRows() ([]row, error) {
	inputs, names, err := s.driverInputs()
	if err != nil {
		return nil, err
	}
	var rows []row
	for i, in := range inputs {
		base, ours, theirs, scratch, err := in.write(filepath.Join(s.work, "driver", fmt.Sprint(i)))
		if err != nil {
			return nil, err
		}
		cg := run{
			argv:    []string{s.canvasgit, "merge", "--marker-size=7", "--conflict-style=merge", "--path=" + in.path, base, scratch, theirs},
			env:     []string{gitsetup.DriverEnv}, // as the installed driver command runs it
			prepare: func() error { return copyFile(ours, scratch) },
		}
		git := run{argv: []string{"git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs}}
		if i == 0 {
			s.log("driver: hello-world vs git merge-file")
			p, err := pair(run{argv: []string{s.hello}}, git, s.pairs)
			if err != nil {
				return nil, err
			}
			rows = append(rows, row{name: "hello-world Go binary (the floor)", reference: "`git merge-file -p`, tiny file", p: p})
		}
		s.log("driver: %s", names[i])
		p, err := pair(cg, git, s.pairs)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row{name: names[i], reference: "`git merge-file -p`", inputBytes: largest(in), p: p,
			target: driverTargets[i].ratio, rssTarget: driverTargets[i].rss})
	}
	return rows, nil
}

// writeDriverInputs writes each driver case's base, ours and theirs into its own
// folder under dir, with a file "path" holding the path in the tree, to rerun a case
// by hand or profile it.
func (s *setup) writeDriverInputs(dir string) error {
	inputs, _, err := s.driverInputs()
	if err != nil {
		return err
	}
	for _, in := range inputs {
		sub := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(in.path))
		if _, _, _, _, err := in.write(sub); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, "path"), []byte(in.path+"\n"), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// driverInputs are the driver's cases: three real files of the PowerAppCollab history
// and synthetic screens of 100 to 10,000 controls, each edited near its top and bottom.
func (s *setup) driverInputs() ([]mergeInput, []string, error) {
	gitDir, err := s.clone(pac)
	if err != nil {
		return nil, nil, err
	}
	var inputs []mergeInput
	for _, c := range []struct {
		path   string
		line   *regexp.Regexp
		change func([]byte) []byte
	}{
		{"app/Src/App.fx.yaml", fxProperty, changeFormula},
		{"app/Src/agenda_screen.fx.yaml", fxProperty, changeFormula},
		{"app/Src/Components/navigatie_component.json", jsonString, changeJSONString},
	} {
		base, err := gitShow(gitDir, "main:"+c.path)
		if err != nil {
			return nil, nil, err
		}
		in, err := editNearTopAndBottom(c.path, base, c.line, c.change)
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, in)
	}
	sizes := []int{100, 1000, 10000}
	for _, n := range sizes {
		in, err := editNearTopAndBottom(fmt.Sprintf("Src/Synthetic%d.fx.yaml", n), syntheticScreen(n), fxProperty, changeFormula)
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, in)
	}
	names := []string{"tiny `App.fx.yaml`", "72 KB screen `agenda_screen.fx.yaml`", "232 KB component `navigatie_component.json`"}
	for _, n := range sizes {
		names = append(names, fmt.Sprintf("synthetic screen, %d controls", n))
	}
	// The same 72 KB screen and 10,000-control screen with two formulas changed on each
	// side, with a property deleted on one side and a formula changed on the other, and
	// with a control added on one side and a formula changed on the other (the fast path
	// takes all three), then with a control added on each side: the general .fx.yaml
	// merge.
	agenda, err := gitShow(gitDir, "main:app/Src/agenda_screen.fx.yaml")
	if err != nil {
		return nil, nil, err
	}
	for _, c := range []struct {
		path, name string
		base       []byte
		edit       func(string, []byte, *regexp.Regexp, func([]byte) []byte) (mergeInput, error)
	}{
		{"app/Src/agenda_screen_twice.fx.yaml", "72 KB screen, two formulas per side", agenda, editTwiceEachSide},
		{"Src/Synthetic10000_twice.fx.yaml", "synthetic screen, 10000 controls, two formulas per side", syntheticScreen(10000), editTwiceEachSide},
		{"app/Src/agenda_screen_deleted.fx.yaml", "72 KB screen, a property deleted", agenda, deleteAndEdit},
		{"Src/Synthetic10000_deleted.fx.yaml", "synthetic screen, 10000 controls, a property deleted", syntheticScreen(10000), deleteAndEdit},
		{"app/Src/agenda_screen_added.fx.yaml", "72 KB screen, a control added", agenda, addControlAndEdit},
		{"Src/Synthetic10000_added.fx.yaml", "synthetic screen, 10000 controls, a control added", syntheticScreen(10000), addControlAndEdit},
		{"app/Src/agenda_screen_general.fx.yaml", "72 KB screen, a control added on each side (general merge)", agenda, addControlsBothSides},
		{"Src/Synthetic10000_general.fx.yaml", "synthetic screen, 10000 controls, a control added on each side (general merge)", syntheticScreen(10000), addControlsBothSides},
	} {
		in, err := c.edit(c.path, c.base, fxProperty, changeFormula)
		if err != nil {
			return nil, nil, err
		}
		inputs = append(inputs, in)
		names = append(names, c.name)
	}
	return inputs, names, nil
}

// textconvRows times `canvasgit textconv` against `unzip -p` on the two largest corpus
// apps: both read the whole archive and write every entry to stdout.
func (s *setup) textconvRows() ([]row, error) {
	if _, err := exec.LookPath("unzip"); err != nil {
		return nil, fmt.Errorf("unzip is not installed")
	}
	apps, err := filepath.Glob(filepath.Join(s.corpus, "msapp", "*.msapp"))
	if err != nil {
		return nil, err
	}
	size := map[string]int{}
	for _, a := range apps {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		size[a] = int(st.Size())
	}
	sort.Slice(apps, func(i, j int) bool { return size[apps[i]] > size[apps[j]] })
	var rows []row
	for _, a := range apps[:min(2, len(apps))] {
		s.log("textconv: %s", filepath.Base(a))
		p, err := pair(run{argv: []string{s.canvasgit, "textconv", a}}, run{argv: []string{"unzip", "-p", a}}, s.pairs)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row{name: "`textconv` " + filepath.Base(a), reference: "`unzip -p`", inputBytes: size[a], p: p, target: 1.5})
	}
	return rows, nil
}

// replayRow is canvasgit replay on one corpus history: it runs every merge as plain
// `git merge-tree` and with the driver, one after the other, and reports both times.
type replayRow struct {
	bundle      string
	runs        int
	merges      int
	driverCalls int
	plain, cg   []float64
	ratios      []float64
	// floorRatios are the replay's ratios with the hello-world binary as the driver
	// (a driver that does nothing), each run right after a canvasgit run.
	floorRatios  []float64
	driverErrors int
}

// histories are the corpus histories the whole-merge rows run on, and how many runs
// each gets: both, full times, or with -quick the small one once.
func (s *setup) histories(full int) (bundles []string, runs int) {
	if s.quick {
		return []string{"LuiseFreese+FluentUITeamsTheme"}, 1
	}
	return []string{"LuiseFreese+FluentUITeamsTheme", pac}, full
}

func (s *setup) replayRows() ([]replayRow, error) {
	bundles, runs := s.histories(5)
	var rows []replayRow
	for _, b := range bundles {
		gitDir, err := s.clone(b)
		if err != nil {
			return nil, err
		}
		r := replayRow{bundle: b, runs: runs}
		for i := 0; i < runs; i++ {
			s.log("replay: %s, run %d of %d", b, i+1, runs)
			t, err := replayTotals(s.canvasgit, "replay", "--repo", gitDir, "--format", "json")
			if err != nil {
				return nil, err
			}
			r.merges, r.driverCalls, r.driverErrors = t.Merges, t.Canvasgit.DriverCalls, r.driverErrors+t.DriverErrors
			r.plain, r.cg, r.ratios = append(r.plain, t.Plain.Seconds), append(r.cg, t.Canvasgit.Seconds), append(r.ratios, t.TimeRatio)
			s.log("replay: %s, run %d of %d, hello-world as the driver", b, i+1, runs)
			if t, err = replayTotals(s.canvasgit, "replay", "--repo", gitDir, "--format", "json", "--driver", s.hello); err != nil {
				return nil, err
			}
			r.floorRatios = append(r.floorRatios, t.TimeRatio)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// replayTotalsJSON are the totals of a replay's JSON report that the rows use.
type replayTotalsJSON struct {
	Merges int `json:"merges"`
	Plain  struct {
		Seconds float64 `json:"seconds"`
	} `json:"plain"`
	Canvasgit struct {
		Seconds     float64 `json:"seconds"`
		DriverCalls int     `json:"driverCalls"`
	} `json:"canvasgit"`
	DriverErrors int     `json:"driverErrors"`
	TimeRatio    float64 `json:"timeRatio"`
}

// replayTotals runs a replay (argv) and reads the totals of its JSON report.
func replayTotals(argv ...string) (replayTotalsJSON, error) {
	out, err := exec.Command(argv[0], argv[1:]...).Output()
	if err != nil {
		return replayTotalsJSON{}, fmt.Errorf("%s: %w", strings.Join(argv[1:], " "), err)
	}
	var rep struct {
		Totals replayTotalsJSON `json:"totals"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		return replayTotalsJSON{}, fmt.Errorf("%s: %w", strings.Join(argv[1:], " "), err)
	}
	return rep.Totals, nil
}

// engineRows runs the engine's Go benchmarks (merge/bench_test.go), canvasgit's side
// only: the in-process cost of merge.File without process start-up.
func (s *setup) engineRows() ([]string, error) {
	benchtime := "3x"
	if s.quick {
		benchtime = "1x"
	}
	s.log("engine: go test -bench")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "Merge/.*/impl=canvasgit", "-benchtime", benchtime, "-count", "1", "./merge/")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Benchmark") {
			lines = append(lines, l)
		}
	}
	return lines, nil
}

// clone makes a bare mirror of a corpus bundle once per run.
func (s *setup) clone(bundle string) (string, error) {
	dir := filepath.Join(s.work, "repos", bundle+".git")
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	src := filepath.Join(s.corpus, "merges", bundle+".bundle")
	if out, err := exec.Command("git", "clone", "-q", "--mirror", src, dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("git clone %s: %v\n%s", src, err, out)
	}
	return dir, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
