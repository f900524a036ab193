package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
)

// mergeInput is a three-way merge the driver and git merge-file both run: ours edits a
// line near the top of the file, theirs one near the bottom, so the merge is clean and
// both tools must read the whole file.
type mergeInput struct {
	path               string // the path in the tree, which picks canvasgit's rule
	base, ours, theirs []byte
}

// fxProperty is a one-line `.fx.yaml` property, `    Name: =formula`.
var fxProperty = regexp.MustCompile(`(?m)^ +[A-Za-z][A-Za-z0-9]*: =.*$`)

// jsonString is a JSON member with a plain string value on a line of its own.
var jsonString = regexp.MustCompile(`(?m)^\s*"[A-Za-z][A-Za-z0-9]*": "[^"\\]*",?\r?$`)

// replaced returns base with each of the spans at (sorted, apart) replaced by what
// with gives for its text.
func replaced(base []byte, at [][]int, with func([]byte) []byte) []byte {
	var out bytes.Buffer
	last := 0
	for _, loc := range at {
		out.Write(base[last:loc[0]])
		out.Write(with(base[loc[0]:loc[1]]))
		last = loc[1]
	}
	out.Write(base[last:])
	return out.Bytes()
}

// matches returns line's matches in base, failing when there are fewer than n.
func matches(path string, base []byte, line *regexp.Regexp, n int) ([][]int, error) {
	locs := line.FindAllIndex(base, -1)
	if len(locs) < n {
		return nil, fmt.Errorf("%s: fewer than %d lines to edit", path, n)
	}
	return locs, nil
}

// editNearTopAndBottom makes ours and theirs from base: at the matches of line about
// 10% and 90% through the file, ours and theirs each change one.
func editNearTopAndBottom(path string, base []byte, line *regexp.Regexp, change func([]byte) []byte) (mergeInput, error) {
	locs, err := matches(path, base, line, 2)
	if err != nil {
		return mergeInput{}, err
	}
	top, bottom := locs[len(locs)/10], locs[len(locs)*9/10]
	if bottom[0] == top[0] {
		bottom = locs[len(locs)-1]
	}
	return mergeInput{path: path, base: base, ours: replaced(base, [][]int{top}, change), theirs: replaced(base, [][]int{bottom}, change)}, nil
}

// editTwiceEachSide makes ours and theirs from base as editNearTopAndBottom does, but
// each side changes two lines in different places (ours at 10% and 30%, theirs at 70%
// and 90%).
func editTwiceEachSide(path string, base []byte, line *regexp.Regexp, change func([]byte) []byte) (mergeInput, error) {
	locs, err := matches(path, base, line, 4)
	if err != nil {
		return mergeInput{}, err
	}
	pick := func(percent int) []int { return locs[len(locs)*percent/100] }
	return mergeInput{path: path, base: base,
		ours:   replaced(base, [][]int{pick(10), pick(30)}, change),
		theirs: replaced(base, [][]int{pick(70), pick(90)}, change)}, nil
}

// deleteAndEdit makes ours by deleting the line at 10% of the matches (a property reset
// to its default) and theirs by changing the one at 90%.
func deleteAndEdit(path string, base []byte, line *regexp.Regexp, change func([]byte) []byte) (mergeInput, error) {
	locs, err := matches(path, base, line, 2)
	if err != nil {
		return mergeInput{}, err
	}
	top, bottom := locs[len(locs)/10], locs[len(locs)*9/10]
	whole := []int{top[0], top[1]}
	if whole[1] < len(base) && base[whole[1]] == '\n' {
		whole[1]++ // the line with its line break
	}
	drop := func([]byte) []byte { return nil }
	return mergeInput{path: path, base: base, ours: replaced(base, [][]int{whole}, drop), theirs: replaced(base, [][]int{bottom}, change)}, nil
}

// changeFormula appends to a property's formula; ` & ""` keeps it valid Power Fx.
func changeFormula(line []byte) []byte {
	return append(bytes.Clone(bytes.TrimRight(line, "\r")), []byte(` & ""`+string(trailingCR(line)))...)
}

// changeJSONString prefixes a member's string value with "bench-".
func changeJSONString(line []byte) []byte {
	i := bytes.Index(line, []byte(`: "`))
	return append(append(bytes.Clone(line[:i+3]), "bench-"...), line[i+3:]...)
}

func trailingCR(line []byte) []byte {
	if bytes.HasSuffix(line, []byte("\r")) {
		return []byte("\r")
	}
	return nil
}

// syntheticScreen writes a screen of n controls in a tree three levels deep below the
// screen, each with eight one-line properties: the size grows linearly with n.
func syntheticScreen(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Screen1 As screen:\n    Fill: =RGBA(255, 255, 255, 1)\n\n")
	for i := 0; i < n; i++ {
		indent := bytes.Repeat([]byte("    "), 1+i%3)
		kind := []string{"groupContainer.manualLayoutContainer", "label", "button"}[i%3]
		fmt.Fprintf(&b, "%sControl%d As %s:\n", indent, i, kind)
		for _, p := range []string{
			fmt.Sprintf("Fill: =RGBA(%d, %d, %d, 1)", i%256, (i*7)%256, (i*13)%256),
			fmt.Sprintf("Height: =%d", 20+i%300),
			fmt.Sprintf("OnSelect: =Set(varSelected, %d); Navigate(Screen%d)", i, i%12),
			fmt.Sprintf("Text: =\"Control %d\"", i),
			fmt.Sprintf("Visible: =CountRows(colItems) > %d", i%10),
			fmt.Sprintf("Width: =Parent.Width - %d", i%200),
			fmt.Sprintf("X: =%d", i%1200),
			fmt.Sprintf("Y: =%d", i%800),
		} {
			fmt.Fprintf(&b, "%s    %s\n", indent, p)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// gitShow reads a blob from a repository: rev:path.
func gitShow(gitDir, spec string) ([]byte, error) {
	out, err := exec.Command("git", "--git-dir", gitDir, "show", spec).Output()
	if err != nil {
		return nil, fmt.Errorf("git show %s: %w", spec, err)
	}
	return out, nil
}

// write puts the three sides into dir as base, ours and theirs, and returns a run that
// copies ours to a scratch file before each start (the driver replaces it).
func (in mergeInput) write(dir string) (base, ours, theirs, scratch string, err error) {
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	base, ours, theirs = filepath.Join(dir, "base"), filepath.Join(dir, "ours"), filepath.Join(dir, "theirs")
	scratch = filepath.Join(dir, "ours.scratch")
	for _, f := range []struct {
		name string
		data []byte
	}{{base, in.base}, {ours, in.ours}, {theirs, in.theirs}} {
		if err = os.WriteFile(f.name, f.data, 0o644); err != nil {
			return
		}
	}
	return
}

func largest(in mergeInput) int {
	return max(len(in.base), len(in.ours), len(in.theirs))
}

// addControlAndEdit makes ours by adding a control at the end of the screen, as
// Studio adds one on top of the others (a last child with a ZIndex above every other,
// after a blank line, in the base's line breaks), and theirs by changing the formula
// at 90% of the matches: the .fx.yaml fast path takes it.
func addControlAndEdit(path string, base []byte, line *regexp.Regexp, change func([]byte) []byte) (mergeInput, error) {
	locs, err := matches(path, base, line, 1)
	if err != nil {
		return mergeInput{}, err
	}
	return mergeInput{path: path, base: base, ours: withControlAdded(base, "BenchAddedLabel", 1),
		theirs: replaced(base, [][]int{locs[len(locs)*9/10]}, change)}, nil
}

// addControlsBothSides makes ours and theirs as addControlAndEdit does, but theirs adds
// a control of its own at the end of the screen too: controls added on both sides, which
// the fast path leaves to the general merge, so this times it.
func addControlsBothSides(path string, base []byte, line *regexp.Regexp, change func([]byte) []byte) (mergeInput, error) {
	in, err := addControlAndEdit(path, base, line, change)
	if err != nil {
		return mergeInput{}, err
	}
	in.theirs = withControlAdded(in.theirs, "BenchAddedButton", 2)
	return in, nil
}

// zIndexLine is a one-line ZIndex property with a whole number.
var zIndexLine = regexp.MustCompile(`(?m)^ +ZIndex: =([0-9]+)\r?$`)

// withControlAdded returns data with a label named name added at the end of the screen
// (the file's only top-level control, its children at 4 spaces), with a ZIndex above
// every ZIndex of the file by above.
func withControlAdded(data []byte, name string, above int) []byte {
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	z := 0
	for _, m := range zIndexLine.FindAllSubmatch(data, -1) {
		var n int
		fmt.Sscan(string(m[1]), &n)
		z = max(z, n)
	}
	out := bytes.Clone(data)
	if !bytes.HasSuffix(out, []byte(eol+eol)) {
		out = append(out, eol...)
	}
	return append(out, fmt.Sprintf("    %s As label:%s        Text: =\"bench\"%s        ZIndex: =%d%s", name, eol, eol, z+above, eol)...)
}
