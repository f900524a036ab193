package structural

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

var errTest = errors.New("test fallback")

// failf is a merger's fallbackf: the reason, wrapping errTest.
func failf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errTest, fmt.Sprintf(format, args...))
}

func TestPrecheck(t *testing.T) {
	base, ours, theirs := []byte("a\n"), []byte("b\n"), []byte("c\n")
	cases := []struct {
		name               string
		base, ours, theirs []byte
		max                int
		wantErr            string // "" for no error
		wantDone           bool
		want               string
	}{
		{name: "both changed", base: base, ours: ours, theirs: theirs, max: 100},
		{name: "too large", base: base, ours: ours, theirs: theirs, max: 5,
			wantErr: "inputs too large for the structural merge (6 bytes, limit 5)"},
		{name: "at the limit", base: base, ours: ours, theirs: theirs, max: 6},
		{name: "markers in theirs", base: base, ours: ours, theirs: []byte("<<<<<<< x\nc\n=======\nd\n>>>>>>> y\n"), max: 100,
			wantErr: "theirs already contains conflict markers"},
		{name: "markers in base first", base: []byte("<<<<<<<\n=======\n>>>>>>>\n"), ours: []byte("<<<<<<<\n=======\n>>>>>>>\n"), theirs: theirs, max: 100,
			wantErr: "base already contains conflict markers"},
		{name: "theirs unchanged", base: base, ours: ours, theirs: base, max: 100, wantDone: true, want: "b\n"},
		{name: "ours unchanged", base: base, ours: base, theirs: theirs, max: 100, wantDone: true, want: "c\n"},
		{name: "same change", base: base, ours: ours, theirs: []byte("b\n"), max: 100, wantDone: true, want: "b\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			merged, done, err := Precheck(c.base, c.ours, c.theirs, 0, c.max, failf)
			if c.wantErr != "" {
				if !errors.Is(err, errTest) || !strings.HasSuffix(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one wrapping errTest ending %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if done != c.wantDone || string(merged) != c.want {
				t.Fatalf("got (%q, %v), want (%q, %v)", merged, done, c.want, c.wantDone)
			}
		})
	}
}

// A side taken whole is a copy: the caller may change it without changing its input.
func TestPrecheckCopies(t *testing.T) {
	base, ours := []byte("a\n"), []byte("b\n")
	merged, done, err := Precheck(base, ours, base, 0, 100, failf)
	if err != nil || !done {
		t.Fatalf("Precheck = %v, %v", done, err)
	}
	merged[0] = 'x'
	if string(ours) != "b\n" {
		t.Fatalf("changing the result changed ours: %q", ours)
	}
}

// The marker size counts: markers of another size are text.
func TestPrecheckMarkerSize(t *testing.T) {
	theirs := []byte("<<<<<<< x\nc\n=======\nd\n>>>>>>> y\n")
	if _, _, err := Precheck([]byte("a\n"), []byte("b\n"), theirs, 9, 100, failf); err != nil {
		t.Fatalf("7-character markers with marker size 9: %v", err)
	}
}

func TestRecover(t *testing.T) {
	run := func() (res []byte, err error) {
		res = []byte("partial")
		defer Recover(&res, &err, failf)
		panic("boom")
	}
	res, err := run()
	if res != nil || !errors.Is(err, errTest) || !strings.HasSuffix(err.Error(), "internal error: boom") {
		t.Fatalf("got (%q, %v), want (nil, internal error: boom)", res, err)
	}
	calm := func() (res int, err error) {
		defer Recover(&res, &err, failf)
		return 3, nil
	}
	if res, err := calm(); res != 3 || err != nil {
		t.Fatalf("no panic: got (%d, %v)", res, err)
	}
}

func TestCheckResolved(t *testing.T) {
	merged := []byte("a\n<<<<<<<\nok\n=======\nbad\n>>>>>>>\nz\n")
	var seen []string
	parse := func(b []byte) error {
		seen = append(seen, string(b))
		if strings.Contains(string(b), "bad") {
			return errors.New("bad line")
		}
		return nil
	}
	err := CheckResolved(merged, 0, parse, failf)
	if !errors.Is(err, errTest) || !strings.Contains(err.Error(), "do not parse when resolved (bad line)") {
		t.Fatalf("err = %v", err)
	}
	if len(seen) != 2 || seen[0] != "a\nok\nz\n" || seen[1] != "a\nbad\nz\n" {
		t.Fatalf("parse saw %q, want ours' then theirs' resolution", seen)
	}
	if err := CheckResolved([]byte("a\n<<<<<<<\nok\n=======\nfine\n>>>>>>>\n"), 0, parse, failf); err != nil {
		t.Fatalf("both sides parse: %v", err)
	}
}

func TestFallback(t *testing.T) {
	sentinel, other := errors.New("sentinel"), errors.New("other")
	err := Fallback(sentinel, "%s is %d bytes", "ours", 3)
	if err.Error() != "ours is 3 bytes" {
		t.Errorf("text %q, want the reason alone", err.Error())
	}
	if !errors.Is(err, sentinel) || errors.Is(err, other) {
		t.Errorf("errors.Is: sentinel %v, other %v; want true, false", errors.Is(err, sentinel), errors.Is(err, other))
	}
}
