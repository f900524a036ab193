package merge_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// Engine benchmarks (docs/benchmarks.md). Every input is benchmarked twice under
// BenchmarkMerge/input=<name>/impl=<impl>: impl=canvasgit times merge.File, and
// impl=git-merge-file times `git merge-file -p` on the same three files (a whole
// process per file, as git pays for a merge driver), so that
//
//	go test -run '^$' -bench . -count 10 ./merge/ | tee new.txt
//	benchstat -col /impl new.txt
//
// prints the two side by side with their ratio.

type benchFile struct {
	path               string
	base, ours, theirs []byte
}

type benchInput struct {
	name  string
	files []benchFile
}

func BenchmarkMerge(b *testing.B) {
	inputs := []benchInput{
		{"fxyaml-5MB", []benchFile{largeFxYaml()}},
		{"formula-100KB", []benchFile{largeFormula()}},
	}
	corpus, why := corpusInputs(b)
	if why != "" {
		b.Logf("corpus benchmarks skipped: %s", why)
	}
	inputs = append(inputs, corpus...)
	for _, in := range inputs {
		b.Run("input="+in.name, func(b *testing.B) {
			b.Run("impl=canvasgit", func(b *testing.B) { benchEngine(b, in.files) })
			b.Run("impl=git-merge-file", func(b *testing.B) { benchGitMergeFile(b, in.files) })
		})
	}
}

func inputBytes(files []benchFile) int64 {
	var n int64
	for _, f := range files {
		n += int64(len(f.base) + len(f.ours) + len(f.theirs))
	}
	return n
}

func benchEngine(b *testing.B, files []benchFile) {
	b.SetBytes(inputBytes(files))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			merge.File(merge.Input{
				Path: f.path, Base: f.base, Ours: f.ours, Theirs: f.theirs,
				Options: linemerge.Options{MarkerSize: 7, OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"},
			})
		}
	}
	b.ReportMetric(float64(len(files)), "files/op") // after the loop: ResetTimer drops metrics
}

func benchGitMergeFile(b *testing.B, files []benchFile) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	// Inputs go to temp files once, outside the timer (b.Loop times only the loop).
	dir := b.TempDir()
	paths := make([][3]string, len(files))
	for i, f := range files {
		for j, data := range [][]byte{f.ours, f.base, f.theirs} {
			p := filepath.Join(dir, fmt.Sprintf("%d.%d", i, j))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
			paths[i][j] = p
		}
	}
	b.SetBytes(inputBytes(files))
	for b.Loop() {
		for _, p := range paths {
			cmd := exec.Command("git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", p[0], p[1], p[2])
			cmd.Stdout = io.Discard
			err := cmd.Run()
			var ee *exec.ExitError
			if err != nil && !(errors.As(err, &ee) && ee.ExitCode() > 0 && ee.ExitCode() < 128) {
				b.Fatalf("git merge-file: %v", err) // 1..127 is the number of conflicts
			}
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}

// --- generated inputs ---

// fxControlTypes are control types as pac writes them after "As".
var fxControlTypes = []string{
	"label", "button", "text", "image", "icon.Add", "dropdown", "toggleSwitch", "rectangle",
	"gallery.galleryVertical", "form", "typedDataCard.textualEditCard", "datepicker", "checkbox",
}

// fxProperty returns the i-th property line of control n (without indentation).
func fxProperty(r *rand.Rand, n, i int) string {
	switch i {
	case 0:
		return fmt.Sprintf("BorderColor: =RGBA(%d, %d, %d, 1)", r.IntN(256), r.IntN(256), r.IntN(256))
	case 1:
		return fmt.Sprintf("Color: =RGBA(%d, %d, %d, 1)", r.IntN(256), r.IntN(256), r.IntN(256))
	case 2:
		return "DisplayMode: =If(varEditMode, DisplayMode.Edit, DisplayMode.View)"
	case 3:
		return fmt.Sprintf("Fill: =RGBA(%d, %d, %d, %d)", r.IntN(256), r.IntN(256), r.IntN(256), r.IntN(2))
	case 4:
		return fmt.Sprintf("FocusedBorderColor: =RGBA(%d, %d, %d, 1)", r.IntN(256), r.IntN(256), r.IntN(256))
	case 5:
		return "Font: =Font.'Segoe UI'"
	case 6:
		return fmt.Sprintf("Height: =%d", 20+r.IntN(400))
	case 7:
		return fmt.Sprintf("HoverFill: =ColorFade(Self.Fill, %d%%)", -r.IntN(40))
	case 8:
		return fmt.Sprintf("OnSelect: =Set(varSelected%d, ThisItem); Navigate(Screen%d, ScreenTransition.Fade)", n, r.IntN(12))
	case 9:
		return fmt.Sprintf("PaddingBottom: =%d", r.IntN(20))
	case 10:
		return fmt.Sprintf("PaddingLeft: =%d", r.IntN(20))
	case 11:
		return fmt.Sprintf("PaddingRight: =%d", r.IntN(20))
	case 12:
		return fmt.Sprintf("PaddingTop: =%d", r.IntN(20))
	case 13:
		return fmt.Sprintf("Size: =%d", 10+r.IntN(20))
	case 14:
		return fmt.Sprintf("Text: =\"Label %d: \" & LookUp(Accounts, ID = varSelected%d.ID).Name", n, r.IntN(n+1))
	case 15:
		return fmt.Sprintf("Tooltip: =\"Shows the details of record %d\"", n)
	case 16:
		return fmt.Sprintf("Visible: =!IsBlank(varSelected%d) && CountRows(colItems) > %d", r.IntN(n+1), r.IntN(10))
	case 17:
		return fmt.Sprintf("Width: =Parent.Width - %d", r.IntN(200))
	case 18:
		return fmt.Sprintf("X: =%d", r.IntN(1200))
	case 19:
		return fmt.Sprintf("Y: =%d", r.IntN(800))
	case 20:
		return fmt.Sprintf("ZIndex: =%d", n+1)
	case 21:
		return fmt.Sprintf("AccessibleLabel: =\"Control %d of the account review\"", n)
	case 22:
		return "Align: =Align.Left"
	case 23:
		return fmt.Sprintf("BorderThickness: =%d", r.IntN(4))
	case 24:
		return fmt.Sprintf("DisabledFill: =RGBA(%d, %d, %d, 1)", r.IntN(256), r.IntN(256), r.IntN(256))
	case 25:
		return "FontWeight: =If(ThisItem.IsSelected, FontWeight.Semibold, FontWeight.Normal)"
	case 26:
		return fmt.Sprintf("HoverColor: =RGBA(%d, %d, %d, 1)", r.IntN(256), r.IntN(256), r.IntN(256))
	case 27:
		return fmt.Sprintf("PressedFill: =ColorFade(Self.Fill, -%d%%)", r.IntN(40))
	case 28:
		return "VerticalAlign: =VerticalAlign.Middle"
	case 29:
		return fmt.Sprintf("OnChange: =UpdateContext({locDirty%d: true}); Set(varLastChanged, Now())", n)
	}
	return fmt.Sprintf("Wrap: =%v", r.IntN(2) == 1)
}

// generateFxYaml writes a deterministic, realistic .fx.yaml screen: `Name As type:`
// headers indented 4 spaces per level, 31 `Prop: =formula` properties each, a
// multi-line `|-` formula now and then, a blank line after each control block. The
// controls form a tree nested depth deep (the first control of each level goes one
// deeper until depth is reached, then a seeded random walk). edit may change a
// control's property lines before they are written; returning nil drops the control
// (and its children), and extra lines are written after it.
func generateFxYaml(controls, depth int, edit func(n int, props []string) (keep []string, extra string)) []byte {
	r := rand.New(rand.NewPCG(7, 11))
	levels := make([]int, controls)
	levels[0] = 1
	for n := 1; n < controls; n++ {
		prev := levels[n-1]
		switch {
		case n < depth:
			levels[n] = prev + 1
		default:
			// mostly siblings, sometimes a child, sometimes back up a few levels
			switch x := r.IntN(10); {
			case x < 3 && prev < depth:
				levels[n] = prev + 1
			case x < 7:
				levels[n] = prev
			default:
				levels[n] = max(1, prev-1-r.IntN(3))
			}
		}
	}
	var out strings.Builder
	out.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n    OnVisible: |-\n        =Set(varEditMode, false);\n        ClearCollect(colItems, Filter(Accounts, Status = \"Active\"))\n\n")
	dropBelow := -1 // level of a dropped control: its children go too
	for n := 0; n < controls; n++ {
		// Every control draws the same random numbers in every version, so that the
		// versions differ only where edit says.
		lvl := levels[n]
		typ := fxControlTypes[r.IntN(len(fxControlTypes))]
		if n+1 < controls && levels[n+1] > lvl {
			typ = "groupContainer.manualLayoutContainer"
		}
		props := make([]string, 0, 31)
		for i := 0; i < 31; i++ {
			props = append(props, fxProperty(r, n, i))
		}
		if n%40 == 0 {
			props[8] = fmt.Sprintf("OnSelect: |-\n=If(IsBlank(varSelected%d),\n    Notify(\"Nothing selected\", NotificationType.Warning),\n    Patch(Accounts, varSelected%d, {Status: \"Reviewed\", ReviewedOn: Now()})\n);\nSet(varEditMode, false)", n, n)
		}
		if dropBelow >= 0 && lvl > dropBelow {
			continue
		}
		dropBelow = -1
		extra := ""
		if edit != nil {
			if props, extra = edit(n, props); props == nil {
				dropBelow = lvl
				continue
			}
		}
		indent := strings.Repeat("    ", lvl)
		fmt.Fprintf(&out, "%sControl%d As %s:\n", indent, n, typ)
		for _, p := range props {
			first, rest, multi := strings.Cut(p, "\n")
			out.WriteString(indent + "    " + first + "\n")
			if multi {
				for _, l := range strings.Split(rest, "\n") {
					out.WriteString(indent + "        " + l + "\n")
				}
			}
		}
		out.WriteString("\n")
		out.WriteString(extra)
	}
	return []byte(out.String())
}

// largeFxYaml is a ~5 MB screen of 3,000 controls nested 20 deep. Ours recolours and
// moves a control every 97, adds a control after control 1000 and drops control 2500
// (with its children); theirs renames texts every 89 and resizes every 131, away from
// ours' edits. The merge is clean.
func largeFxYaml() benchFile {
	const controls, depth = 3000, 20
	base := generateFxYaml(controls, depth, nil)
	ours := generateFxYaml(controls, depth, func(n int, props []string) ([]string, string) {
		switch {
		case n == 2500:
			return nil, ""
		case n == 1000:
			return props, strings.Repeat("    ", 2) + "AddedOnOurs As label:\n" + strings.Repeat("    ", 3) + "Text: =\"added\"\n\n"
		case n%97 == 5:
			props[3] = "Fill: =RGBA(0, 120, 212, 1)"
			props[18] = fmt.Sprintf("X: =%d", n%1000)
		}
		return props, ""
	})
	theirs := generateFxYaml(controls, depth, func(n int, props []string) ([]string, string) {
		switch {
		case n%89 == 40:
			props[14] = fmt.Sprintf("Text: =\"Renamed %d\"", n)
		case n%131 == 70:
			props[6] = "Height: =64"
		}
		return props, ""
	})
	return benchFile{path: "app/Src/Screen1.fx.yaml", base: base, ours: ours, theirs: theirs}
}

// largeFormula is one ~100 KB multi-line formula (a `|-` block) that ours changes near
// its start and middle and theirs near its end.
func largeFormula() benchFile {
	lines := make([]string, 0, 1100)
	for i, size := 0, 0; size < 100<<10; i++ {
		switch i % 4 {
		case 0:
			lines = append(lines, fmt.Sprintf("Set(varCounter%d, varCounter%d + %d);", i, max(0, i-1), i%7))
		case 1:
			lines = append(lines, fmt.Sprintf("If(IsBlank(TextInput%d.Text), Notify(\"Field %d is empty\", NotificationType.Error),", i, i))
		case 2:
			lines = append(lines, fmt.Sprintf("    Patch(Items, Defaults(Items), {Title: TextInput%d.Text, Order: %d}));", i-1, i))
		default:
			lines = append(lines, fmt.Sprintf("UpdateContext({locStep%d: true});", i))
		}
		size += len("            ") + len(lines[i]) + 1
	}
	wrap := func(ls []string) []byte {
		var b strings.Builder
		b.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n    Button1 As button:\n        OnSelect: |-\n")
		for i, l := range ls {
			if i == 0 {
				l = "=" + l
			}
			b.WriteString("            " + l + "\n")
		}
		b.WriteString("        Text: =\"Save\"\n        X: =40\n        Y: =40\n\n")
		return []byte(b.String())
	}
	edit := func(at []int, what string) []string {
		out := append([]string(nil), lines...)
		for _, a := range at {
			i := len(out) * a / 100
			out[i] = strings.TrimSuffix(out[i], ";") + "; Trace(\"" + what + "\");"
		}
		return out
	}
	return benchFile{
		path: "app/Src/Screen1.fx.yaml",
		base: wrap(lines), ours: wrap(edit([]int{10, 45}, "ours")), theirs: wrap(edit([]int{70, 92}, "theirs")),
	}
}

func TestGeneratedInputs(t *testing.T) {
	f := largeFxYaml()
	if n := len(f.base); n < 4<<20 || n > 6<<20 {
		t.Errorf("large .fx.yaml is %d bytes, want about 5 MB", n)
	}
	if n := bytes.Count(f.base, []byte(" As ")); n != 3001 {
		t.Errorf("large .fx.yaml has %d controls, want 3000 and the screen", n)
	}
	deepest := 0
	for _, l := range strings.Split(string(f.base), "\n") {
		if strings.HasSuffix(l, ":") && strings.Contains(l, " As ") {
			deepest = max(deepest, (len(l)-len(strings.TrimLeft(l, " ")))/4)
		}
	}
	if deepest != 20 {
		t.Errorf("deepest control is at level %d, want 20", deepest)
	}
	if !bytes.Equal(f.base, largeFxYaml().base) {
		t.Error("the generator is not deterministic")
	}
	g := largeFormula()
	if n := len(g.base); n < 100<<10 || n > 110<<10 {
		t.Errorf("formula file is %d bytes", n)
	}
	for _, in := range []benchFile{f, g} {
		out := merge.File(merge.Input{Path: in.path, Base: in.base, Ours: in.ours, Theirs: in.theirs})
		if out.Status != merge.Clean {
			t.Errorf("%d-byte input: %s, want a clean merge (%d conflicts)", len(in.base), out.Status, len(out.Conflicts))
		}
	}
}

// --- the corpus: the files both sides changed in each merge of ../shared/corpus ---

var (
	corpusOnce   sync.Once
	corpusCached []benchInput
	corpusWhy    string
)

// corpusInputs returns, per bundle in ../shared/corpus/merges, the base/ours/theirs
// blobs of every file both sides changed (to different contents) in each merge
// commit; why says why there are none. The clones live as long as tb.
func corpusInputs(tb testing.TB) ([]benchInput, string) {
	corpusOnce.Do(func() {
		dir := corpus.Sub("merges")
		if dir == "" {
			corpusWhy = "../shared/corpus/merges not found walking up from the working directory"
			return
		}
		if _, err := exec.LookPath("git"); err != nil {
			corpusWhy = "git is not installed"
			return
		}
		bundles, _ := filepath.Glob(filepath.Join(dir, "*.bundle"))
		for _, bundle := range bundles {
			name, _, _ := strings.Cut(corpus.Name(bundle), "+")
			corpusCached = append(corpusCached, benchInput{name: "corpus-" + name, files: bundleFiles(tb, bundle)})
		}
		if len(corpusCached) == 0 {
			corpusWhy = "no bundles in " + dir
		}
	})
	return corpusCached, corpusWhy
}

// bundleFiles clones a bundle and reads the three blobs of every file both sides
// changed, to different contents, in each of its merges (not deleted on either side),
// sorted by path.
func bundleFiles(tb testing.TB, bundle string) []benchFile {
	r := corpus.Clone(tb, bundle)
	var paths, names []string
	for _, m := range r.Merges(tb) {
		for _, p := range m.Both {
			paths = append(paths, p)
			names = append(names, m.Base+":"+p, m.Ours+":"+p, m.Theirs+":"+p)
		}
	}
	blobs := r.Blobs(tb, names)
	var files []benchFile
	for i, p := range paths {
		base, ours, theirs := blobs[3*i], blobs[3*i+1], blobs[3*i+2]
		if ours.ID == "" || theirs.ID == "" || ours.ID == theirs.ID {
			continue // deleted on a side (or a submodule), or the same change on both
		}
		files = append(files, benchFile{path: p, base: base.Data, ours: ours.Data, theirs: theirs.Data})
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files
}
