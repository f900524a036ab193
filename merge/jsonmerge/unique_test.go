package jsonmerge

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// TestUniqueLargeObjects: an object of more than smallUnique members (checked through
// a table of its names' hashes) is refused exactly when it repeats a name, naming the
// first name that repeats one before it, whether its names are sorted by byte, by pac's
// order or not at all, with names that differ only in case.
func TestUniqueLargeObjects(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var seen [3][2]int // sort mode, repeats a name
	alphabet := []string{"a", "A", "b", "B", "_", "0", "9", "é", "É"}
	for round := range 3000 {
		n := smallUnique + 1 + rng.IntN(64)
		keys := make([]string, n)
		for i := range keys {
			var b strings.Builder
			for range 1 + rng.IntN(4) {
				b.WriteString(alphabet[rng.IntN(len(alphabet)-2*(round%2))]) // odd rounds: ASCII only
			}
			keys[i] = b.String()
		}
		switch round % 3 {
		case 0:
			sort.Strings(keys)
		case 1:
			sort.SliceStable(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
		}
		distinct := map[string]bool{}
		firstRepeat := ""
		for _, k := range keys {
			if distinct[k] && firstRepeat == "" {
				firstRepeat = k
			}
			distinct[k] = true
		}
		var doc strings.Builder
		doc.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				doc.WriteString(",")
			}
			doc.WriteString(strconv.Quote(k) + ":" + strconv.Itoa(i))
		}
		doc.WriteString("}")
		_, err := parseDoc([]byte(doc.String()), false, nil, nil)
		dup := len(distinct) < n
		if dup {
			seen[round%3][1]++
		} else {
			seen[round%3][0]++
		}
		if dup != (err != nil) {
			t.Fatalf("keys %q: repeats a name = %v, but the parse error is %v", keys, dup, err)
		}
		if err != nil && !strings.HasSuffix(err.Error(), "duplicate member name "+strconv.Quote(firstRepeat)) {
			t.Fatalf("keys %q: error %v", keys, err)
		}
	}
	for mode, c := range seen {
		if c[0] == 0 || c[1] == 0 {
			t.Errorf("sort mode %d: %d objects without a repeat, %d with: the test misses a case", mode, c[0], c[1])
		}
	}
}

// TestDuplicateLine: a repeated name is reported on the line of the repeat, in small
// and large objects, after lines read and after lines copied from base.
func TestDuplicateLine(t *testing.T) {
	var large strings.Builder
	large.WriteString("{\n")
	for i := range 40 {
		large.WriteString(`"k` + strconv.Itoa(i) + `": 1,` + "\n")
	}
	large.WriteString("\"k7\": 2\n}") // line 42
	base := "{\n\"x\": {\n\"a\": 1\n},\n\"y\": 1\n}"
	for _, c := range []struct {
		text, base string
		want       string
	}{
		{"{\n\"a\": 1,\n\"b\": 2,\n\"a\": 3\n}", "", "line 4: duplicate member name \"a\""},
		{large.String(), "", "line 42: duplicate member name \"k7\""},
		{"{\n\"x\": {\n\"a\": 1\n},\n\"y\": 1,\n\"x\": 2\n}", base, "line 6: duplicate member name \"x\""},
	} {
		var bd *doc
		if c.base != "" {
			var err error
			if bd, err = parseDoc([]byte(c.base), false, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
		_, err := parseDoc([]byte(c.text), true, nil, bd)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
}

// TestUniqueHashCollisions: names whose hashes collide are told apart by their text,
// in small objects and in the table of large ones.
func TestUniqueHashCollisions(t *testing.T) {
	for _, n := range []int{smallUnique, 3 * smallUnique} {
		members := make([]jsondoc.Member[*node], n)
		kh := make([]uint64, n)
		for i := range members {
			members[i].Key = "k" + strconv.Itoa(i)
			kh[i] = 42 // every name in one slot
		}
		b := newNodeBuilder(new(scratch), nil, false, nil)
		if err := b.unique(members, kh); err != nil {
			t.Errorf("%d distinct names with one hash: %v", n, err)
		}
		members[n-1].Key = "k1"
		if err := b.unique(members, kh); err == nil || !strings.HasSuffix(err.Error(), `duplicate member name "k1"`) {
			t.Errorf("%d names, the last repeating k1, one hash: error %v", n, err)
		}
	}
}
