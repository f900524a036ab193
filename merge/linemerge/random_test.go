package linemerge

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

var randomCases = flag.Int("linemerge.cases", 400, "random three-way cases compared with git merge-file")

// randomFiles builds a base and two edited copies from a tiny alphabet so the
// sides collide often; line endings and final newlines vary.
func randomFiles(r *rand.Rand) (base, ours, theirs []byte) {
	alphabet := []string{"a", "b", "c", "d", "e", "f", "{", "}", "", "x = 1", "  ;"}
	if r.Intn(3) == 0 {
		alphabet = alphabet[:4]
	}
	word := func() string { return alphabet[r.Intn(len(alphabet))] }
	n := r.Intn(14)
	if r.Intn(10) == 0 {
		n = 0
	}
	lines := make([]string, n)
	for i := range lines {
		lines[i] = word()
	}
	edit := func(src []string) []string {
		out := append([]string{}, src...)
		for k := r.Intn(5); k > 0; k-- {
			p := 0
			if len(out) > 0 {
				p = r.Intn(len(out) + 1)
			}
			switch op := r.Intn(4); {
			case op == 0 && p < len(out):
				out = append(out[:p], out[p+1:]...)
			case op == 1 && p < len(out):
				out[p] = word()
			default:
				out = append(out[:p], append([]string{word()}, out[p:]...)...)
			}
		}
		return out
	}
	crlf := r.Intn(4) == 0
	render := func(ls []string) []byte {
		var b bytes.Buffer
		for i, l := range ls {
			b.WriteString(l)
			if i == len(ls)-1 && r.Intn(4) == 0 {
				break // no final newline
			}
			if crlf || r.Intn(20) == 0 {
				b.WriteByte('\r')
			}
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	return render(lines), render(edit(lines)), render(edit(lines))
}

func TestConformanceRandom(t *testing.T) {
	newGitRef(t) // skips without git
	n := *randomCases
	if testing.Short() {
		n = min(n, 100)
	}
	r := rand.New(rand.NewSource(20240611))
	cases := make([]triple, n)
	for i := range cases {
		b, o, th := randomFiles(r)
		cases[i] = triple{name: fmt.Sprintf("case %d", i), base: b, ours: o, theirs: th}
	}
	styles := []Style{StyleMerge, StyleDiff3, StyleZDiff3}
	res := compareWithGit(t, len(cases), func(c int) (triple, []Options) {
		var opts []Options
		for _, st := range styles {
			opt := Options{Style: st, OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			// Every fifth case favours a side, every seventh uses longer markers.
			if c%5 == 4 {
				opt.Favor = Favor(1 + c%2)
			}
			if c%7 == 6 {
				opt.MarkerSize = 9
			}
			opts = append(opts, opt)
		}
		return cases[c], opts
	}, time.Now().Add(time.Hour), false)
	t.Logf("random: %s", res.summary())
}

func describe(base, ours, theirs, got, want []byte) string {
	q := func(b []byte) string { return strings.ReplaceAll(fmt.Sprintf("%q", b), `\n`, `\n`+"\n  ") }
	return fmt.Sprintf("base:\n  %s\nours:\n  %s\ntheirs:\n  %s\ngot:\n  %s\nwant:\n  %s",
		q(base), q(ours), q(theirs), q(got), q(want))
}

var bigCases = flag.Int("linemerge.bigcases", 6, "large random cases (exercise git's Myers cut-offs) compared with git merge-file")

// randomBigFiles makes files of thousands of lines with hundreds of edits on
// each side, so Myers runs past its cost limits and git's heuristics decide
// the alignment.
func randomBigFiles(r *rand.Rand) (base, ours, theirs []byte) {
	nwords := 3 + r.Intn(60)
	word := func() string { return fmt.Sprintf("line %d", r.Intn(nwords)) }
	n := 500 + r.Intn(4000)
	blocky := r.Intn(2) == 0
	gap := 20 + r.Intn(200)
	if blocky {
		// Git only tries the snake heuristic when its cost cap exceeds 256,
		// which takes more than 65536 lines across both files.
		n = 34000 + r.Intn(30000)
	}
	lines := make([]string, n)
	for i := range lines {
		lines[i] = word()
	}
	edit := func(src []string) []string {
		var out []string
		if blocky {
			// Long unchanged runs between changed blocks: long snakes at a
			// high edit cost, the case git's snake heuristic is for.
			for i := 0; i < len(src); {
				keep := min(20+r.Intn(gap), len(src)-i)
				out = append(out, src[i:i+keep]...)
				i += keep
				drop := min(r.Intn(6), len(src)-i)
				i += drop
				for k := r.Intn(6); k > 0; k-- {
					out = append(out, word())
				}
			}
			return out
		}
		rate := 1 + r.Intn(40) // percent of lines touched
		for _, l := range src {
			switch x := r.Intn(100); {
			case x < rate/2:
				// deleted
			case x < rate:
				out = append(out, word(), word())
			default:
				out = append(out, l)
			}
		}
		return out
	}
	join := func(ls []string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }
	return join(lines), join(edit(lines)), join(edit(lines))
}

func TestConformanceRandomBig(t *testing.T) {
	newGitRef(t) // skips without git
	r := rand.New(rand.NewSource(77))
	cases := make([]triple, *bigCases)
	for i := range cases {
		b, o, th := randomBigFiles(r)
		cases[i] = triple{name: fmt.Sprintf("big case %d", i), base: b, ours: o, theirs: th}
	}
	styles := []Style{StyleMerge, StyleDiff3}
	res := compareWithGit(t, len(cases), func(i int) (triple, []Options) {
		var opts []Options
		for _, st := range styles {
			opts = append(opts, Options{Style: st, OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"})
		}
		return cases[i], opts
	}, time.Now().Add(time.Hour), true)
	t.Logf("random big: %s", res.summary())
}
