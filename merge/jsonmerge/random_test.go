package jsonmerge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestRandomDisjointEdits: random documents in pac's layout, each side editing its own
// members (change, delete, add, nested edits, additions to name lists). The merge must
// be clean and equal to applying both sides' edits.
func TestRandomDisjointEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := 0; iter < 300; iter++ {
		base := randObject(rng, 3)
		ours, theirs, want := clone3(base), clone3(base), clone3(base)
		keys := sortedMapKeys(base)
		for i, k := range keys {
			switch i % 3 {
			case 0:
				editValue(rng, ours, want, k)
			case 1:
				editValue(rng, theirs, want, k)
			}
		}
		// Each side adds members of its own.
		for i := 0; i < 2; i++ {
			k := fmt.Sprintf("o_new%d_%d", iter, i)
			v := randValue(rng, 1)
			ours[k], want[k] = v, v
			k = fmt.Sprintf("t_new%d_%d", iter, i)
			v = randValue(rng, 1)
			theirs[k], want[k] = v, v
		}
		b, o, th := pacJSON(t, base), pacJSON(t, ours), pacJSON(t, theirs)
		res, err := Merge(b, o, th, GenericPolicy, testOptions)
		if err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		if !res.Clean() || len(res.Conflicts) > 0 {
			t.Fatalf("iteration %d: unexpected conflicts %+v\nbase %s\nours %s\ntheirs %s", iter, res.Conflicts, b, o, th)
		}
		var got any
		if err := json.Unmarshal(res.Merged, &got); err != nil {
			t.Fatalf("iteration %d: %v", iter, err)
		}
		if !reflect.DeepEqual(normalise(got), normalise(want)) {
			t.Fatalf("iteration %d: wrong merge\nbase %s\nours %s\ntheirs %s\ngot %s", iter, b, o, th, res.Merged)
		}
	}
}

// FuzzMerge: whatever the input, Merge either falls back or returns output that is JSON
// (with each conflict resolved either way); it never reports an internal error.
func FuzzMerge(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join(casesDir, "*"))
	for _, d := range dirs {
		b, _ := os.ReadFile(filepath.Join(d, "Base.json"))
		o, _ := os.ReadFile(filepath.Join(d, "Left.json"))
		th, _ := os.ReadFile(filepath.Join(d, "Right.json"))
		f.Add(b, o, th, uint8(0))
	}
	policies := []Policy{GenericPolicy, ManifestPolicy, EntropyPolicy, EditorStatePolicy, DataSourcesPolicy, SarifPolicy}
	f.Fuzz(func(t *testing.T, b, o, th []byte, pi uint8) {
		res, err := Merge(b, o, th, policies[int(pi)%len(policies)], testOptions)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		// A side that did not change gives the other side as it is, JSON or not.
		valid := func(x []byte) bool { return json.Valid(bytes.TrimPrefix(x, bom)) }
		if valid(o) && valid(th) && (len(bytes.TrimSpace(b)) == 0 || valid(b)) {
			checkResolvable(t, res)
		}
	})
}

func randObject(rng *rand.Rand, depth int) map[string]any {
	m := map[string]any{}
	for i, n := 0, 3+rng.IntN(6); i < n; i++ {
		m[fmt.Sprintf("k%d", rng.IntN(1000))] = randValue(rng, depth-1)
	}
	return m
}

func randValue(rng *rand.Rand, depth int) any {
	switch r := rng.IntN(10); {
	case depth > 0 && r < 3:
		return randObject(rng, depth)
	case r < 5:
		var names []any
		for i, n := 0, rng.IntN(4); i < n; i++ {
			names = append(names, fmt.Sprintf("Screen%d", i))
		}
		return names
	case r < 7:
		return json.Number(fmt.Sprint(rng.IntN(2000) - 1000))
	case r < 8:
		return rng.IntN(2) == 0
	}
	return fmt.Sprintf("value %d", rng.IntN(100))
}

// editValue changes member k of side (and of want the same way).
func editValue(rng *rand.Rand, side, want map[string]any, k string) {
	switch v := side[k].(type) {
	case map[string]any:
		if rng.IntN(2) == 0 {
			nv, nw := clone3(v), clone3(v)
			for _, kk := range sortedMapKeys(v) {
				if rng.IntN(2) == 0 {
					editValue(rng, nv, nw, kk)
				}
			}
			side[k], want[k] = nv, nw
			return
		}
	case []any:
		if rng.IntN(2) == 0 {
			nv := append(append([]any{}, v...), fmt.Sprintf("Added%d", rng.IntN(1000)))
			side[k], want[k] = nv, nv
			return
		}
	}
	if rng.IntN(4) == 0 {
		delete(side, k)
		delete(want, k)
		return
	}
	nv := randValue(rng, 1)
	side[k], want[k] = nv, nv
}

func clone3(m map[string]any) map[string]any {
	var out map[string]any
	b, _ := json.Marshal(m)
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	d.Decode(&out)
	return out
}

func sortedMapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pacJSON writes a value the way pac does: two-space indentation, no final newline.
func pacJSON(t *testing.T, v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func normalise(v any) any {
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal(b, &out)
	return out
}
