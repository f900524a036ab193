package fxmerge

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// sameHidden merges the whole inputs and with unchanged controls hidden (hidden.go,
// on inputs of any size), and fails unless both give the same bytes, conflicts, error
// and work. It reports whether the merge with hidden controls was the one that gave
// the result (it did not have to merge the whole inputs after all).
func sameHidden(t *testing.T, name string, base, ours, theirs []byte, opt Options) bool {
	t.Helper()
	defer func(v int) { hiddenMinInput = v }(hiddenMinInput)
	hiddenMinInput = math.MaxInt
	whole, ww, errw := mergePath(base, ours, theirs, opt, WorkLimit, false)
	hiddenMinInput = 0
	got, wg, errg := mergePath(base, ours, theirs, opt, WorkLimit, false)
	if (errw == nil) != (errg == nil) || (errw != nil && errw.Error() != errg.Error()) {
		t.Fatalf("%s: whole merge: %v; with hidden controls: %v", name, errw, errg)
	}
	if !bytes.Equal(whole.Merged, got.Merged) || !reflect.DeepEqual(whole.Conflicts, got.Conflicts) || ww != wg {
		t.Fatalf("%s: hiding unchanged controls changed the merge (work %d, %d; %d, %d conflicts)\nbase:\n%s\nours:\n%s\ntheirs:\n%s\nwhole:\n%s\nhidden:\n%s",
			name, ww, wg, len(whole.Conflicts), len(got.Conflicts), base, ours, theirs, whole.Merged, got.Merged)
	}
	if errw != nil || bytes.Equal(base, ours) || bytes.Equal(base, theirs) || bytes.Equal(ours, theirs) {
		return false
	}
	red := reduceUnchanged(base, ours, theirs)
	if red == nil {
		return false
	}
	_, _, _, ok := mergeReduced(red, opt, WorkLimit)
	return ok
}

// hiddenScreens are screens to hide controls of: the fast path's and the property
// edits' (the corpus's screens, synthetic ones in pac's form and not, LF and CRLF,
// three levels deep), and ones with groups.
func hiddenScreens(t *testing.T) [][]byte {
	grouped := strings.Replace(string(nestedScreen(30)), "Control4 As label:", "Control4 As group:", 1)
	return append(propertyScreens(t), []byte(grouped), nestedScreen(90))
}

// TestHiddenRandomEdits compares the merge with hidden controls to the whole merge on
// random edits of both sides: formulas and ZIndex changed, properties added and
// deleted, controls added, deleted, renamed and moved (with names the file has, now
// and then), line breaks and blank lines changed; with each conflict style.
func TestHiddenRandomEdits(t *testing.T) {
	files := hiddenScreens(t)
	opts := []Options{{}, {Style: linemerge.StyleDiff3}, {Favor: linemerge.FavorTheirs}}
	var total, hidden int
	serial := 0
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(18, 90+seed))
		for round := 0; round < 14; round++ {
			for fi, base := range files {
				serial++
				edit := func(data []byte) []byte {
					switch rng.IntN(4) {
					case 0:
						return randomEdit(rng, data)
					case 1:
						out, _ := controlEdit(rng, data, serial)
						serial++
						return out
					case 2:
						out, _ := propertyEdits(rng, data, nil, 1+rng.IntN(2))
						return out
					}
					out, _ := formulaEdits(rng, data, nil, 1)
					return out
				}
				ours, theirs := edit(base), edit(base)
				if rng.IntN(3) == 0 {
					ours = edit(ours)
				}
				total++
				if sameHidden(t, fmt.Sprintf("seed %d file %d round %d", seed, fi, round), base, ours, theirs, opts[rng.IntN(len(opts))]) {
					hidden++
				}
			}
		}
	}
	t.Logf("%d merges, %d with hidden controls", total, hidden)
	if hidden < total/4 {
		t.Errorf("only %d of %d random merges hid unchanged controls", hidden, total)
	}
}

// TestHiddenCorpusMerges compares the merge with hidden controls to the whole merge
// on every .fx.yaml file both sides of a corpus merge changed (each conflict style;
// TestHistoryTriples compares them on its merges of real edits undone and redone).
func TestHiddenCorpusMerges(t *testing.T) {
	var total, hidden int
	for _, bundle := range corpus.Bundles(t) {
		for _, c := range bundleCases(t, bundle) {
			for _, opt := range []Options{{}, {Style: linemerge.StyleDiff3}, {Favor: linemerge.FavorOurs}} {
				total++
				if sameHidden(t, c.name, c.base, c.ours, c.theirs, opt) {
					hidden++
				}
			}
		}
	}
	t.Logf("%d merges, %d with hidden controls", total, hidden)
}

// TestHiddenCases checks each condition of hidden.go: where the merge with hidden
// controls applies it gives the whole merge's result, and where it would not it is
// not the one that gives the result.
func TestHiddenCases(t *testing.T) {
	base := string(nestedScreen(12))
	for _, tc := range []struct {
		name         string
		ours, theirs string
		hidden       bool
	}{
		// Each side adds a control at the end of the screen, theirs changes Control2's Y:
		// the containers neither touched are hidden.
		{"both add", (base + "    Ours1 As label:\n        ZIndex: =5\n"),
			strings.Replace((base + "    Theirs1 As label:\n        ZIndex: =6\n"), "Y: =2\n", "Y: =2 + 1\n", 1), true},
		// Theirs adds a control named like one inside an unchanged container: the index
		// would scope the name (it is twice in theirs), so the whole inputs are merged.
		{"name inside a hidden control", (base + "    Ours1 As label:\n        ZIndex: =5\n"),
			(base + "    Control7 As label:\n        ZIndex: =6\n"), false},
		// Both sides add a control with the same ZIndex: the screen's children are
		// renumbered, and the hidden containers above the new ones with them.
		{"renumbered", "",
			"", false},
		// The same property changed differently on both sides: a conflict, in the
		// first container (no hidden control before it) and in the last (its lines
		// move by what the hidden containers before it hold).
		{"conflict", strings.Replace((base + "    Ours1 As label:\n        ZIndex: =5\n"), "Y: =2\n", "Y: =20\n", 1),
			strings.Replace((base + "    Theirs1 As label:\n        ZIndex: =6\n"), "Y: =2\n", "Y: =21\n", 1), true},
		{"conflict after hidden controls", strings.Replace(base, "Y: =10\n", "Y: =100\n", 1),
			strings.Replace(base, "Y: =10\n", "Y: =101\n", 1), true},
	} {
		ours, theirs := tc.ours, tc.theirs
		if tc.name == "renumbered" {
			ours = strings.Replace(base, "    Control0 As groupContainer.manualLayoutContainer:\n",
				"    Back1 As label:\n        ZIndex: =1\n\n    Control0 As groupContainer.manualLayoutContainer:\n", 1)
			ours = strings.Replace(ours, "Text: =\"Control 0\"\n        X: =0\n        Y: =0\n        ZIndex: =1\n",
				"Text: =\"Control 0\"\n        X: =0\n        Y: =0\n        ZIndex: =2\n", 1)
			theirs = (base + "    Theirs1 As label:\n        ZIndex: =1\n")
		}
		for _, eol := range []string{"\n", "\r\n"} {
			b := []byte(strings.ReplaceAll(base, "\n", eol))
			o := []byte(strings.ReplaceAll(ours, "\n", eol))
			th := []byte(strings.ReplaceAll(theirs, "\n", eol))
			for _, opt := range []Options{{}, {Style: linemerge.StyleDiff3}, {Favor: linemerge.FavorOurs}} {
				if got := sameHidden(t, tc.name, b, o, th, opt); got != tc.hidden {
					t.Errorf("%s (%q, %+v): hidden controls gave the result: %v, want %v", tc.name, eol, opt, got, tc.hidden)
				}
			}
		}
	}
}

// TestHiddenPicks checks which controls are hidden: not a group nor one holding a
// group (its members are numbered among its parent's children), not one out of pac's
// order, not one a changed line of either side touches, not the one that ends the
// file; and that a hidden control's body is one line in the small inputs.
func TestHiddenPicks(t *testing.T) {
	defer func(v int) { hiddenMinInput = v }(hiddenMinInput)
	hiddenMinInput = 0
	base := string(nestedScreen(12))
	base = strings.Replace(base, "Control4 As label:", "Control4 As group:", 1)
	base = strings.Replace(base, "        Height: =26\n        Text: =\"Control 6\"\n", "        Text: =\"Control 6\"\n        Height: =26\n", 1)
	ours := strings.Replace(base, "Y: =9\n", "Y: =9 + 1\n", 1)
	theirs := strings.Replace(base, "Fill: =RGBA(255, 255, 255, 1)\n", "Fill: =Black\n", 1)
	red := reduceUnchanged([]byte(base), []byte(ours), []byte(theirs))
	if red == nil {
		t.Fatal("no control hidden")
	}
	var got []string
	for _, h := range red.hidden {
		header := []byte(base[h.header:h.body])
		got = append(got, strings.TrimSpace(string(header[:bytes.IndexByte(header, ':')])))
	}
	// Control0 holds Control1 and Control2; Control3 holds the group Control4; Control6
	// has its properties out of order, not Control7 in it; Control5 in the group is no
	// group itself (its ZIndex line stays); Control9 holds the line
	// ours changed; and Control11 in it ends the file.
	want := []string{"Control0 As groupContainer.manualLayoutContainer", "Control5 As button", "Control7 As label"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("hidden %q, want %q", got, want)
	}
	if n := bytes.Count(red.inputs[sOurs], hiddenToken); n != 3 {
		t.Errorf("ours' small input holds %d stubs, want 3", n)
	}
	if len(red.inputs[sOurs]) >= len(ours) || !reflect.DeepEqual(red.names, []string{"Control1", "Control2", "Control8"}) {
		t.Errorf("small input of %d bytes for %d, names inside hidden controls %q", len(red.inputs[sOurs]), len(ours), red.names)
	}
	sameHidden(t, "picks", []byte(base), []byte(ours), []byte(theirs), Options{})
}

// TestHiddenPartsAreSlicesOfTheBase checks that a merge with hidden controls gives
// their bodies as slices of the base, not copies (the merge driver writes the pieces).
func TestHiddenPartsAreSlicesOfTheBase(t *testing.T) {
	base := []byte(generalScreen(1500))
	if len(base) < hiddenMinInput {
		t.Fatalf("the screen is %d bytes, below hiddenMinInput", len(base))
	}
	ours := append(append([]byte{}, base...), "    AddedOurs As label:\n        Text: =\"ours\"\n"...)
	theirs := append(append([]byte{}, base...), "    AddedTheirs As label:\n        Text: =\"theirs\"\n"...)
	res, parts, err := MergeGeneralParts(base, ours, theirs, Options{}, nil)
	if err != nil || parts == nil || res.Merged != nil {
		t.Fatalf("no parts: %v", err)
	}
	inBase := 0
	for _, p := range parts {
		if within(p, base) {
			inBase += len(p)
		}
	}
	if inBase < len(base)*9/10 {
		t.Errorf("%d of %d bytes are slices of the base", inBase, pieces(parts).size())
	}
	whole, err := MergeGeneral(base, ours, theirs, Options{})
	if err != nil || !bytes.Equal(whole.Merged, pieces(parts).join()) {
		t.Fatalf("MergeGeneral and MergeGeneralParts differ: %v", err)
	}
	sameHidden(t, "parts", base, ours, theirs, Options{})
}

// FuzzHidden checks on any input that hiding unchanged controls changes nothing.
func FuzzHidden(f *testing.F) {
	base := string(nestedScreen(9))
	f.Add([]byte(base), []byte(strings.Replace(base, "Y: =1\n", "Y: =2\n", 1)), []byte(strings.Replace(base, "X: =8\n", "X: =9\n", 1)))
	f.Add([]byte(base), []byte(base+"    A As label:\n        ZIndex: =9\n"), []byte(base+"    B As label:\n        ZIndex: =9\n"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		sameHidden(t, "fuzz", base, ours, theirs, Options{})
	})
}

// TestHiddenOnMidSizeScreens checks that the general merge hides unchanged controls of
// a screen of the size most real screens have (16 KB), not only of large ones: when
// both sides add a control, the parts it returns are there only when it did.
func TestHiddenOnMidSizeScreens(t *testing.T) {
	base := []byte(generalScreen(50))
	if len(base) < 14<<10 || len(base) > 20<<10 {
		t.Fatalf("the screen is %d bytes, want about 16 KB", len(base))
	}
	ours := append(append([]byte{}, base...), "    AddedOurs As label:\n        Text: =\"ours\"\n"...)
	theirs := append(append([]byte{}, base...), "    AddedTheirs As label:\n        Text: =\"theirs\"\n"...)
	if _, ok := Fast(base, ours, theirs); ok {
		t.Fatal("the fast path took the merge: the test needs the general one")
	}
	_, parts, err := MergeGeneralParts(base, ours, theirs, Options{}, nil)
	if err != nil || parts == nil {
		t.Fatalf("the general merge of a %d-byte screen hid no control (%v)", len(base), err)
	}
	if !sameHidden(t, "mid-size", base, ours, theirs, Options{}) {
		t.Error("the merge with hidden controls did not give the result")
	}
}
