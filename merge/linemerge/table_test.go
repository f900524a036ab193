package linemerge

import (
	"bytes"
	"testing"
)

// labels used by the table cases (git merge-file -L ours -L base -L theirs).
var stdLabels = Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}

func with(o Options, f func(*Options)) Options { f(&o); return o }

type mergeCase struct {
	name               string
	base, ours, theirs string
	opt                Options
	want               string
	conflicts          int
}

// mergeCases hold git merge-file's output for each behaviour, verified with
// git 2.39 (TestTableMatchesGit re-checks them whenever git is installed).
var mergeCases = []mergeCase{
	{
		name: "clean, far apart",
		base: "a\nb\nc\nd\ne\n", ours: "A\nb\nc\nd\ne\n", theirs: "a\nb\nc\nd\nE\n",
		opt: stdLabels, want: "A\nb\nc\nd\nE\n",
	},
	{
		name: "changes one line apart merge cleanly",
		base: "a\nb\nc\nd\ne\n", ours: "a\nB\nc\nd\ne\n", theirs: "a\nb\nc\nD\ne\n",
		opt: stdLabels, want: "a\nB\nc\nD\ne\n",
	},
	{
		name: "adjacent changes conflict",
		base: "a\nb\nc\nd\n", ours: "a\nB\nc\nd\n", theirs: "a\nb\nC\nd\n",
		opt:  stdLabels,
		want: "a\n<<<<<<< ours\nB\nc\n=======\nb\nC\n>>>>>>> theirs\nd\n", conflicts: 1,
	},
	{
		name: "identical changes are clean",
		base: "a\nb\nc\n", ours: "a\nX\nY\nc\n", theirs: "a\nX\nY\nc\n",
		opt: stdLabels, want: "a\nX\nY\nc\n",
	},
	{
		name: "deletion against modification",
		base: "a\nb\nc\n", ours: "a\nc\n", theirs: "a\nB\nc\n",
		opt:  stdLabels,
		want: "a\n<<<<<<< ours\n=======\nB\n>>>>>>> theirs\nc\n", conflicts: 1,
	},
	{
		name: "deletions on both sides, apart",
		base: "a\nb\nc\nd\ne\n", ours: "b\nc\nd\ne\n", theirs: "a\nb\nc\nd\n",
		opt: stdLabels, want: "b\nc\nd\n",
	},
	{
		name: "add/add with empty base refines common lines out",
		base: "", ours: "x\ny\nz\n", theirs: "x\nq\nz\n",
		opt:  stdLabels,
		want: "x\n<<<<<<< ours\ny\n=======\nq\n>>>>>>> theirs\nz\n", conflicts: 1,
	},
	{
		name: "crlf markers follow crlf lines",
		base: "a\r\nb\r\nc\r\n", ours: "a\r\nB\r\nc\r\n", theirs: "a\r\nX\r\nc\r\n",
		opt:  stdLabels,
		want: "a\r\n<<<<<<< ours\r\nB\r\n=======\r\nX\r\n>>>>>>> theirs\r\nc\r\n", conflicts: 1,
	},
	{
		name: "utf-8 bom is kept",
		base: "\ufeffa\nb\n", ours: "\ufeffA\nb\n", theirs: "\ufeffa\nB\n",
		opt:  stdLabels,
		want: "<<<<<<< ours\n\ufeffA\nb\n=======\n\ufeffa\nB\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "ours lacks final newline", base: "a\nb\n", ours: "a\nB", theirs: "a\nX\n", opt: stdLabels,
		want: "a\n<<<<<<< ours\nB\n=======\nX\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "theirs lacks final newline", base: "a\nb\n", ours: "a\nB\n", theirs: "a\nX", opt: stdLabels,
		want: "a\n<<<<<<< ours\nB\n=======\nX\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "no side has a final newline", base: "a\nb", ours: "a\nB", theirs: "a\nX", opt: stdLabels,
		want: "a\n<<<<<<< ours\nB\n=======\nX\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "only base lacks final newline", base: "a\nb", ours: "a\nb\n", theirs: "A\nb", opt: stdLabels,
		want: "<<<<<<< ours\na\nb\n=======\nA\nb\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "newline added on one side only", base: "a\nb", ours: "a\nb\n", theirs: "a\nb", opt: stdLabels,
		want: "a\nb\n",
	},
	{name: "crlf side without final newline gets crlf", base: "a\r\nb\r\n", ours: "a\r\nB", theirs: "a\r\nX\r\n", opt: stdLabels,
		want: "a\r\n<<<<<<< ours\r\nB\r\n=======\r\nX\r\n>>>>>>> theirs\r\n", conflicts: 1,
	},
	{name: "mixed endings: lf side makes lf markers", base: "a\r\nb\r\nc\r\n", ours: "a\r\nB\r\nc\r\n", theirs: "a\nX\nc\n", opt: stdLabels,
		want: "<<<<<<< ours\na\r\nB\r\nc\r\n=======\na\nX\nc\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "crlf decided by base first line when sides are unknown", base: "b\r\n", ours: "B", theirs: "X", opt: stdLabels,
		want: "<<<<<<< ours\r\nB\r\n=======\r\nX\r\n>>>>>>> theirs\r\n", conflicts: 1,
	},
	{name: "marker size 9", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nX\nc\n", opt: with(stdLabels, func(o *Options) { o.MarkerSize = 9 }),
		want: "a\n<<<<<<<<< ours\nB\n=========\nX\n>>>>>>>>> theirs\nc\n", conflicts: 1,
	},
	{name: "labels with spaces", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nX\nc\n",
		opt:  Options{OursLabel: "HEAD (my change)", BaseLabel: "merged common ancestors", TheirsLabel: "feature/x:src/App.pa.yaml"},
		want: "a\n<<<<<<< HEAD (my change)\nB\n=======\nX\n>>>>>>> feature/x:src/App.pa.yaml\nc\n", conflicts: 1,
	},
	{name: "diff3 shows the base and does not refine", base: "a\nb\nc\n", ours: "a\nx\nB\ny\nc\n", theirs: "a\nx\nX\ny\nc\n",
		opt:  with(stdLabels, func(o *Options) { o.Style = StyleDiff3 }),
		want: "a\n<<<<<<< ours\nx\nB\ny\n||||||| base\nb\n=======\nx\nX\ny\n>>>>>>> theirs\nc\n", conflicts: 1,
	},
	{name: "zdiff3 pulls common ends out", base: "a\nb\nc\n", ours: "a\nx\nB\ny\nc\n", theirs: "a\nx\nX\ny\nc\n",
		opt:  with(stdLabels, func(o *Options) { o.Style = StyleZDiff3 }),
		want: "a\nx\n<<<<<<< ours\nB\n||||||| base\nb\n=======\nX\n>>>>>>> theirs\ny\nc\n", conflicts: 1,
	},
	{name: "merge style refines the same conflict", base: "a\nb\nc\n", ours: "a\nx\nB\ny\nc\n", theirs: "a\nx\nX\ny\nc\n", opt: stdLabels,
		want: "a\nx\n<<<<<<< ours\nB\n=======\nX\n>>>>>>> theirs\ny\nc\n", conflicts: 1,
	},
	{name: "conflict splits where the sides agree", base: "a\nb\nc\n",
		ours:   "a\n1\nshared line one\nshared line two\nshared line three\nshared line four\n2\nc\n",
		theirs: "a\nI\nshared line one\nshared line two\nshared line three\nshared line four\nII\nc\n", opt: stdLabels,
		want: "a\n<<<<<<< ours\n1\n=======\nI\n>>>>>>> theirs\nshared line one\nshared line two\nshared line three\nshared line four\n<<<<<<< ours\n2\n=======\nII\n>>>>>>> theirs\nc\n", conflicts: 2,
	},
	{name: "conflicts three lines apart are joined", base: "a\nb\nc\n",
		ours: "a\n1\ns1\ns2\ns3\n2\nc\n", theirs: "a\nI\ns1\ns2\ns3\nII\nc\n", opt: stdLabels,
		want: "a\n<<<<<<< ours\n1\ns1\ns2\ns3\n2\n=======\nI\ns1\ns2\ns3\nII\n>>>>>>> theirs\nc\n", conflicts: 1,
	},
	{name: "conflicts apart by lines without alnum are joined", base: "a\nb\nc\n",
		ours: "a\n1\n{\n}\n\n);\n2\nc\n", theirs: "a\nI\n{\n}\n\n);\nII\nc\n", opt: stdLabels,
		want: "a\n<<<<<<< ours\n1\n{\n}\n\n);\n2\n=======\nI\n{\n}\n\n);\nII\n>>>>>>> theirs\nc\n", conflicts: 1,
	},
	{name: "favor ours", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nX\nc\n", opt: with(stdLabels, func(o *Options) { o.Favor = FavorOurs }),
		want: "a\nB\nc\n", conflicts: 1,
	},
	{name: "favor theirs", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nX\nc\n", opt: with(stdLabels, func(o *Options) { o.Favor = FavorTheirs }),
		want: "a\nX\nc\n", conflicts: 1,
	},
	{name: "favor theirs with empty side", base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nc\n", opt: with(stdLabels, func(o *Options) { o.Favor = FavorTheirs }),
		want: "a\nc\n", conflicts: 1,
	},
	{name: "inputs containing conflict markers are plain lines", base: "a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\nd\n",
		ours: "a\n<<<<<<< x\nB\n=======\nc\n>>>>>>> y\nd\n", theirs: "a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\nD\n", opt: stdLabels,
		want: "a\n<<<<<<< x\nB\n=======\nc\n>>>>>>> y\nD\n",
	},
	{name: "conflicting edits inside marker lines", base: "<<<<<<< x\nb\n=======\n",
		ours: "<<<<<<< x\nB\n=======\n", theirs: "<<<<<<< x\nX\n=======\n", opt: with(stdLabels, func(o *Options) { o.Style = StyleDiff3 }),
		want: "<<<<<<< x\n<<<<<<< ours\nB\n||||||| base\nb\n=======\nX\n>>>>>>> theirs\n=======\n", conflicts: 1,
	},
	{name: "non-utf-8 bytes pass through", base: "a\n\xff\xfe\n\x80c\n", ours: "a\n\xff\xfd\n\x80c\n", theirs: "a\n\xfe\xff\n\x80c\n", opt: stdLabels,
		want: "a\n<<<<<<< ours\n\xff\xfd\n=======\n\xfe\xff\n>>>>>>> theirs\n\x80c\n", conflicts: 1,
	},
	{name: "non-utf-8 clean merge", base: "\xe9t\xe9\nb\nc\nd\n", ours: "\xc9T\xc9\nb\nc\nd\n", theirs: "\xe9t\xe9\nb\nc\nD\xff\n", opt: stdLabels,
		want: "\xc9T\xc9\nb\nc\nD\xff\n",
	},
	{name: "both sides delete everything", base: "a\nb\n", ours: "", theirs: "", opt: stdLabels,
		want: "",
	},
	{name: "one side empties the file, other edits", base: "a\nb\n", ours: "", theirs: "a\nB\n", opt: stdLabels,
		want: "<<<<<<< ours\n=======\na\nB\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "empty base diff3 add/add", base: "", ours: "x\ny\n", theirs: "x\nz\n", opt: with(stdLabels, func(o *Options) { o.Style = StyleDiff3 }),
		want: "<<<<<<< ours\nx\ny\n||||||| base\n=======\nx\nz\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "empty base zdiff3 add/add", base: "", ours: "x\ny\n", theirs: "x\nz\n", opt: with(stdLabels, func(o *Options) { o.Style = StyleZDiff3 }),
		want: "x\n<<<<<<< ours\ny\n||||||| base\n=======\nz\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "equal sides from different changes still conflict in diff3", base: "b\nb\na\na\nb\nb\na\nd\nd\na\n",
		ours: "b\nb\na\na\nb\nb\nc\na\nd\na\n", theirs: "b\nb\na\na\nb\r\na\nc\na\nd\r\na\nd\na\n",
		opt:  with(stdLabels, func(o *Options) { o.Style = StyleDiff3 }),
		want: "b\nb\na\na\n<<<<<<< ours\nb\nb\nc\n||||||| base\nb\nb\n=======\nb\r\na\nc\na\nd\r\n>>>>>>> theirs\na\n<<<<<<< ours\nd\n||||||| base\nd\nd\n=======\nd\n>>>>>>> theirs\na\n", conflicts: 2,
	},
	{name: "equal sides from different changes: zdiff3 empties them", base: "b\nb\na\na\nb\nb\na\nd\nd\na\n",
		ours: "b\nb\na\na\nb\nb\nc\na\nd\na\n", theirs: "b\nb\na\na\nb\r\na\nc\na\nd\r\na\nd\na\n",
		opt:  with(stdLabels, func(o *Options) { o.Style = StyleZDiff3 }),
		want: "b\nb\na\na\n<<<<<<< ours\nb\nb\nc\n||||||| base\nb\nb\n=======\nb\r\na\nc\na\nd\r\n>>>>>>> theirs\na\nd\n<<<<<<< ours\n||||||| base\nd\nd\n=======\n>>>>>>> theirs\na\n", conflicts: 2,
	},
	{name: "refinement slides a hunk over a common last line", base: "f\nc\nf\nd\r\na",
		ours: "{\nf\nd\na\na\n", theirs: "f\nc\nf\nd\na\n", opt: stdLabels,
		want: "{\nf\n<<<<<<< ours\nd\na\na\n=======\nc\nf\nd\na\n>>>>>>> theirs\n", conflicts: 1,
	},
	{name: "two separate conflicts", base: "a\nb\nc\nd\ne\nf\ng\n", ours: "A\nb\nc\nd\ne\nf\nG\n", theirs: "1\nb\nc\nd\ne\nf\n7\n", opt: stdLabels,
		want: "<<<<<<< ours\nA\n=======\n1\n>>>>>>> theirs\nb\nc\nd\ne\nf\n<<<<<<< ours\nG\n=======\n7\n>>>>>>> theirs\n", conflicts: 2,
	},
}

func TestTable(t *testing.T) {
	for _, c := range mergeCases {
		got := Merge([]byte(c.base), []byte(c.ours), []byte(c.theirs), c.opt)
		if string(got.Merged) != c.want || len(got.Conflicts) != c.conflicts {
			t.Errorf("%s:\n got %q (%d conflicts)\nwant %q (%d)", c.name, got.Merged, len(got.Conflicts), c.want, c.conflicts)
		}
	}
}

func TestTableMatchesGit(t *testing.T) {
	g := newGitRef(t)
	for _, c := range mergeCases {
		if c.opt.OursLabel == "" || c.opt.TheirsLabel == "" || c.opt.BaseLabel == "" {
			continue // git cannot write bare markers from the command line
		}
		want, code := g.mergeFile(t, []byte(c.base), []byte(c.ours), []byte(c.theirs), c.opt)
		if !bytes.Equal(want, []byte(c.want)) {
			t.Errorf("%s: table expects %q but git gives %q", c.name, c.want, want)
		}
		if c.opt.Favor == FavorNone && code != c.conflicts {
			t.Errorf("%s: table expects %d conflicts, git exits %d", c.name, c.conflicts, code)
		}
	}
}
