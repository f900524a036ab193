package jsonmerge

import (
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"testing"
)

// dedupeByLists is dedupe as it was before issue 18's change (a list of holders for
// every id), the reference TestDedupeAsBefore compares dedupe with.
func dedupeByLists(hs []idHolder, floor intText) (map[int]*node, []string) {
	byID := map[string][]int{}
	maxID := floor
	var order []string
	for i, h := range hs {
		id, text, ok := idValue(h.val)
		if !ok {
			continue
		}
		if id.cmp(maxID) > 0 {
			maxID = id
		}
		if byID[text] == nil {
			order = append(order, text)
		}
		byID[text] = append(byID[text], i)
	}
	renum := map[int]*node{}
	var changes []string
	for _, text := range order {
		idx := byID[text]
		if len(idx) < 2 {
			continue
		}
		ours := false
		for _, i := range idx {
			ours = ours || hs[i].inOurs
		}
		if !ours {
			continue
		}
		for _, i := range idx {
			if hs[i].inOurs {
				continue
			}
			maxID = maxID.add(1)
			next := maxID.String()
			renum[i] = idNode(hs[i].val.kind, next)
			changes = append(changes, fmt.Sprintf("%s %s→%s", hs[i].name(), text, next))
		}
	}
	return renum, changes
}

// TestDedupeAsBefore: dedupe renumbers the same holders to the same ids, with the
// same notes in the same order, as the list-per-id version, on random holders with
// few distinct ids (so that many repeat, interleaved: 3 5 5 3), number and string
// ids, non-ids and absent values.
func TestDedupeAsBefore(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	repeated := 0
	for round := 0; round < 3000; round++ {
		n := r.Intn(12)
		hs := make([]idHolder, n)
		for i := range hs {
			hs[i].key = "k" + strconv.Itoa(i)
			hs[i].inOurs = r.Intn(2) == 0
			v := strconv.Itoa(r.Intn(6))
			switch r.Intn(5) {
			case 0:
				hs[i].val = &node{kind: kString, raw: quote(v), str: v}
			case 1:
				hs[i].val = &node{kind: kString, raw: `"x"`, str: "x"}
			case 2:
				// absent
			default:
				hs[i].val = numberNode(v)
			}
		}
		floor, _ := readInt(strconv.Itoa(r.Intn(8)))
		gotR, gotC := dedupe(hs, floor)
		wantR, wantC := dedupeByLists(hs, floor)
		if !reflect.DeepEqual(gotC, wantC) || len(gotR) != len(wantR) {
			t.Fatalf("round %d: got %v, want %v", round, gotC, wantC)
		}
		for i, w := range wantR {
			if g := gotR[i]; g == nil || g.raw != w.raw || g.kind != w.kind || g.hash != w.hash {
				t.Fatalf("round %d: holder %d got %+v, want %+v", round, i, g, w)
			}
		}
		if len(wantC) > 1 {
			repeated++
		}
	}
	if repeated < 100 {
		t.Errorf("only %d rounds renumbered more than one holder", repeated)
	}
}
