package pamerge

import (
	"slices"
	"strings"

	"github.com/canvasgit/canvasgit/source/payaml"
)

// A control is its name within its screen or component definition (Power Apps names
// are unique app-wide; a component's children are unique inside the component), so a
// control that leaves one Children list and appears in another on the same side has
// moved. The merge works list by list: a move alone comes out right (one list drops the
// control, the other gains it). checkMoves looks at every control before the merge:
//   - moved on one side and changed on the other: recorded (moveAndEdit), so the control
//     is merged from its three versions at its new place;
//   - moved on one side and deleted on the other, moved to different parents on the two
//     sides, added on both sides under different parents: the merge falls back to the
//     line merge (list by list the deletion would be lost, or the control doubled).

// place is where a control is on one side: its parent's name and its entry.
type place struct {
	parent string
	entry  *payaml.Entry
}

// controlPlaces indexes the controls of a file by scope (screen or component
// definition) and name; names that repeat inside one scope are left out.
func controlPlaces(f *payaml.File) map[[2]string]place {
	out := map[[2]string]place{}
	if f == nil {
		return out
	}
	dup := map[[2]string]bool{}
	var walk func(scope, parent string, body *payaml.Map)
	walk = func(scope, parent string, body *payaml.Map) {
		for _, e := range payaml.Children(body) {
			k := [2]string{scope, e.Key.Value}
			if _, seen := out[k]; seen {
				dup[k] = true
			}
			out[k] = place{parent: parent, entry: e}
			child, _ := e.Value.(*payaml.Map)
			walk(scope, e.Key.Value, child)
		}
	}
	for _, top := range []string{"Screens", "ComponentDefinitions"} {
		tm := f.Root.GetMap(top)
		if tm == nil {
			continue
		}
		for _, e := range tm.Entries {
			body, _ := e.Value.(*payaml.Map)
			walk(top+"/"+e.Key.Value, e.Key.Value, body)
		}
	}
	for k := range dup {
		delete(out, k)
	}
	return out
}

// moveAndEdit records a control moved on one side (to parent) and changed on the
// other: it lives at its new parent, merged from the three versions wherever they are,
// and the new parent and its ancestors on the moving side are merged even where one
// side left them alone (else the moving side's subtree would be taken whole, without
// the other side's change).
func (m *merger) moveAndEdit(k [2]string, parent string, idx map[[2]string]place, at [3]place) {
	if m.home == nil {
		m.home, m.forced = map[[2]string]place3{}, map[[2]string]bool{}
	}
	m.home[k] = place3{parent: parent, at: at}
	for p, n := parent, 0; n <= len(idx); n++ {
		m.forced[[2]string{k[0], p}] = true
		up, ok := idx[[2]string{k[0], p}]
		if !ok {
			break // p is the screen or component definition itself
		}
		p = up.parent
	}
}

// place3 is a moved-and-changed control's new parent and its three versions.
type place3 struct {
	parent string
	at     [3]place
}

// forcedAt tells whether the value at c must be merged entry by entry: a control on
// the way to a moved-and-changed control's new place (its item, or its Children).
func (m *merger) forcedAt(c ctx) bool {
	if len(m.forced) == 0 || c.scope == "" {
		return false
	}
	on := m.forced[[2]string{c.scope, c.obj}]
	return on && (len(c.field) == 0 || len(c.field) == 1 && c.field[0] == "Children")
}

// scopeName is the screen or component definition name of a scope key.
func scopeName(scope string) string {
	_, name, _ := strings.Cut(scope, "/")
	return name
}

func (m *merger) checkMoves(fb, fo, ft *payaml.File) error {
	pb, po, pt := controlPlaces(fb), controlPlaces(fo), controlPlaces(ft)
	seen := map[[2]string]bool{}
	var names [][2]string
	for _, idx := range []map[[2]string]place{pb, po, pt} {
		for k := range idx {
			if !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	// Sorted, so the reason given is the same on every run.
	slices.SortFunc(names, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	m.charge(int64(len(names)))
	for _, k := range names {
		b, inB := pb[k]
		o, inO := po[k]
		t, inT := pt[k]
		name := k[1]
		if !inB {
			if inO && inT && o.parent != t.parent {
				return fallbackf("control %s was added on both sides under different parents (%s, %s)", name, o.parent, t.parent)
			}
			continue
		}
		// A control whose parent was renamed (its old parent gone on that side, its new
		// one unknown to base) has not moved; renames are checked list by list.
		renamedParent := func(idx map[[2]string]place, newParent string) bool {
			_, oldThere := idx[[2]string{k[0], b.parent}]
			_, newInBase := pb[[2]string{k[0], newParent}]
			return !oldThere && !newInBase && b.parent != scopeName(k[0]) && newParent != scopeName(k[0])
		}
		movedO := inO && o.parent != b.parent && !renamedParent(po, o.parent)
		movedT := inT && t.parent != b.parent && !renamedParent(pt, t.parent)
		switch {
		case movedO && movedT && o.parent != t.parent:
			return fallbackf("control %s was moved to different parents on the two sides (%s, %s)", name, o.parent, t.parent)
		case movedO && !movedT && !inT:
			return fallbackf("control %s was moved on ours (from %s to %s) and deleted on theirs", name, b.parent, o.parent)
		case movedT && !movedO && !inO:
			return fallbackf("control %s was moved on theirs (from %s to %s) and deleted on ours", name, b.parent, t.parent)
		case movedO && !movedT && !m.same(b.entry.Value, t.entry.Value):
			m.moveAndEdit(k, o.parent, po, [3]place{b, o, t})
		case movedT && !movedO && !m.same(b.entry.Value, o.entry.Value):
			m.moveAndEdit(k, t.parent, pt, [3]place{b, o, t})
		}
	}
	return nil
}
