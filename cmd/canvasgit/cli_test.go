package main

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestLongFlagsWithOneDash(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"check -format json -cached app", "check --format json --cached app"},
		{"check -format=json app", "check --format=json app"},
		{"merge -marker-size=9 -path x a b c -ours-label=L", "merge --marker-size=9 --path x a b c --ours-label=L"},
		// A flag's value is never rewritten, whatever it looks like.
		{"merge --path -marker-size a b c", "merge --path -marker-size a b c"},
		{"gate -repo -format main b", "gate --repo -format main b"},
		// After "--" everything is an argument.
		{"gate -- -repo x", "gate -- -repo x"},
		// Shorthands and unknown names are left to pflag.
		{"check -h", "check -h"},
		{"check -bogus", "check -bogus"},
		{"textconv -help", "textconv --help"},
		{"-version", "--version"},
	} {
		root := newRootCmd(io.Discard, io.Discard, "")
		if got := strings.Join(longFlagsWithOneDash(root, strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShowProgress(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{nil, false}, // stderr is no terminal: quiet
		{[]string{"--progress"}, true},
		{[]string{"--progress=false"}, false},
	} {
		root := newRootCmd(io.Discard, io.Discard, "")
		gate, _, err := root.Find([]string{"gate"})
		if err != nil {
			t.Fatal(err)
		}
		if err := gate.ParseFlags(tt.args); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		w, tty := showProgress(gate, &stderr)
		if (w != nil) != tt.want || tty {
			t.Errorf("%v: progress to %v (terminal %v), want shown %v", tt.args, w, tty, tt.want)
		}
	}
}

func TestGateProgressLines(t *testing.T) {
	var b bytes.Buffer
	p := &gateProgress{w: &b}
	p.update("merge base", 0, 0)
	for i := 1; i <= 1200; i++ {
		p.update("files", i, 1200)
	}
	p.finish()
	want := "canvasgit gate: finding the merge base\n" +
		"canvasgit gate: merged 1/1200 files\n" +
		"canvasgit gate: merged 500/1200 files\n" +
		"canvasgit gate: merged 1000/1200 files\n" +
		"canvasgit gate: merged 1200/1200 files\n"
	if b.String() != want {
		t.Errorf("lines:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	p = &gateProgress{w: &b, tty: true}
	p.update("merge base", 0, 0)
	p.update("files", 1, 1)
	p.finish()
	// The shorter second line is padded over the first.
	first, second := "canvasgit gate: finding the merge base", "canvasgit gate: merged 1/1 file"
	if want := "\r" + first + "\r" + second + strings.Repeat(" ", len(first)-len(second)) + "\n"; b.String() != want {
		t.Errorf("terminal: %q, want %q", b.String(), want)
	}
}

// TestEveryCommandHasAManual: each command of canvasgit's own has its docs page, so
// `canvasgit help CMD` and its man page say more than the flags.
func TestEveryCommandHasAManual(t *testing.T) {
	root := newRootCmd(io.Discard, io.Discard, "")
	var names []string
	for _, c := range root.Commands() {
		if c.GroupID == "other" || c.Hidden {
			continue
		}
		names = append(names, c.Name())
		if _, ok := manual(c); !ok {
			t.Errorf("%s has no page in docs/", c.Name())
		}
	}
	if want := []string{"check", "doctor", "gate", "install", "merge", "replay", "textconv", "uninstall"}; !reflect.DeepEqual(names, want) {
		t.Errorf("commands = %v, want %v", names, want)
	}
}
