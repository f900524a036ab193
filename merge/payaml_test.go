package merge

import (
	"strings"
	"testing"
)

// The .pa.yaml extension names three formats; the content decides the merge.
func TestFormatForPaYaml(t *testing.T) {
	v3 := []byte("Screens:\n  Screen1:\n    Properties:\n      Fill: =White\n")
	legacy := []byte("Screen1 As screen:\n    Fill: =White\n")
	proto := []byte("Screen1:\n  Control: Screen\n")
	for _, c := range []struct {
		name   string
		inputs [][]byte
		want   Format
	}{
		{"v3", [][]byte{v3, v3, v3}, FormatPaYaml},
		{"v3 add/add", [][]byte{nil, v3, v3}, FormatPaYaml},
		{"legacy", [][]byte{legacy, legacy, legacy}, FormatFxYaml},
		{"prototype", [][]byte{proto, proto, proto}, FormatText},
		{"mixed", [][]byte{legacy, v3, v3}, FormatText},
		{"not yaml", [][]byte{[]byte("hello"), v3, v3}, FormatText},
	} {
		if got := FormatFor("Src/Screen1.pa.yaml", c.inputs...); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := FormatFor("Src/Screen1.fx.yaml", v3, v3, v3); got != FormatFxYaml {
		t.Errorf("an .fx.yaml name is not decided by content: %v", got)
	}
}

const paBase = `Screens:
  Screen1:
    Children:
      - Button1:
          Control: Classic/Button@2.2.0
          Properties:
            Text: ="Go"
            X: =10
`

// Two sides editing different properties of one control merge cleanly through the
// engine, as pamerge, where git's line merge conflicts (adjacent lines).
func TestFilePaYamlStructural(t *testing.T) {
	ours := strings.Replace(paBase, `Text: ="Go"`, `Text: ="Start"`, 1)
	theirs := strings.Replace(paBase, "X: =10", "X: =20", 1)
	out := File(Input{Path: "Src/Screen1.pa.yaml", Base: []byte(paBase), Ours: []byte(ours), Theirs: []byte(theirs)})
	want := strings.Replace(ours, "X: =10", "X: =20", 1)
	if out.Status != Clean || !out.Structural || string(out.Merged) != want {
		t.Fatalf("status %s structural %v messages %q:\n%s", out.Status, out.Structural, out.Messages, out.Merged)
	}

	// A real conflict names the control and property on stderr.
	theirs = strings.Replace(paBase, `Text: ="Go"`, `Text: ="Run"`, 1)
	out = File(Input{Path: "Src/Screen1.pa.yaml", Base: []byte(paBase), Ours: []byte(ours), Theirs: []byte(theirs)})
	if out.Status != Conflicted || len(out.Messages) != 1 ||
		out.Messages[0] != "Src/Screen1.pa.yaml:7-11: conflict in Screen1 > Button1 Properties.Text: both sides changed it differently" {
		t.Fatalf("status %s messages %q:\n%s", out.Status, out.Messages, out.Merged)
	}

	// Legacy content under a .pa.yaml name goes to the .fx.yaml merge.
	lb := "Screen1 As screen:\n    Fill: =White\n    Height: =1\n\n    Button1 As button:\n        Text: =\"Go\"\n        X: =10\n"
	lo := strings.Replace(lb, `="Go"`, `="Start"`, 1)
	lt := strings.Replace(lb, "X: =10", "X: =20", 1)
	out = File(Input{Path: "Src/Screen1.pa.yaml", Base: []byte(lb), Ours: []byte(lo), Theirs: []byte(lt)})
	if out.Status != Clean || !out.Structural || string(out.Merged) != strings.Replace(lo, "X: =10", "X: =20", 1) {
		t.Fatalf("legacy: status %s structural %v messages %q:\n%s", out.Status, out.Structural, out.Messages, out.Merged)
	}
}
