package check

import (
	"github.com/canvasgit/canvasgit/merge"
	srcapp "github.com/canvasgit/canvasgit/source/app"
	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// A component's own controls carry their ControlUniqueId in Src/Components/<Name>.json
// (ComponentDefinitionInfo, one object per control with Name and ControlUniqueId), as
// well as in Entropy.json's ControlUniqueIds. pac reuses these ids when it packs, so
// one id given to two controls, a screen control and a component control or two
// component controls, fails the pack just as a duplicate inside Entropy.json does
// (PA3007). A merge that renumbers one side's new controls must leave them unique.

// idOwner is the control an id was first seen on.
type idOwner struct {
	name string
	loc  Location
}

// isComponentJSON reports whether p is a component definition file Src/Components/*.json.
func isComponentJSON(p string) bool {
	return srcapp.FormatFxYAML.RoleOf(p) == srcapp.RoleComponentMeta
}

// numericIDKey is the key of an id across files: Entropy.json writes numeric ids as
// numbers, component files as strings ("4"), so a string holding a number counts as
// that number.
func numericIDKey(v *jval) string {
	if v.kind == jStr {
		if d, ok := jsondoc.ParseDecimal(v.str); ok {
			return "n:" + d.Canonical()
		}
	}
	return v.idKey()
}

// checkComponentIDs: the ControlUniqueIds of component controls are unique across the
// component files and agree with Entropy.json about which control holds each id.
func (a *app) checkComponentIDs() {
	owners := map[string]idOwner{}
	for _, p := range a.jsonOfKind(merge.KindEntropy) {
		for _, key := range []string{"ControlUniqueIds", "ControlUniqueGuids"} {
			for _, m := range a.json[p].get(key).membersOrNil() {
				k := numericIDKey(m.val)
				if _, seen := owners[k]; !seen && k != "" {
					owners[k] = idOwner{m.key, Location{p, m.line}} // duplicates here: checkUniqueIDs
				}
			}
		}
	}
	for _, f := range a.files {
		if v := a.json[f.path]; v != nil && isComponentJSON(f.path) {
			a.walkComponentIDs(f.path, v.get("ComponentDefinitionInfo"), owners)
		}
	}
}

func (a *app) walkComponentIDs(p string, v *jval, owners map[string]idOwner) {
	if v == nil {
		return
	}
	switch v.kind {
	case jArr:
		for _, e := range v.elems {
			a.walkComponentIDs(p, e, owners)
		}
		return
	case jObj:
	default:
		return
	}
	name := v.get("Name")
	if id, ok := v.member("ControlUniqueId"); ok && name != nil && name.kind == jStr {
		k := numericIDKey(id.val)
		if first, dup := owners[k]; dup && first.name != name.str && k != "" {
			a.add(Error, CheckUniqueID, namePair(first.name, name.str), Location{p, id.line}, []Location{first.loc},
				"component control '%s' has ControlUniqueId %s, which '%s' already has at %s (pac pack fails: PA3007 duplicate control unique ids); give one of them a fresh id",
				name.str, id.val.display(), first.name, ref(0))
		} else if !dup && k != "" {
			owners[k] = idOwner{name.str, Location{p, id.line}}
		}
	}
	for _, m := range v.members {
		if m.val.kind == jArr || m.val.kind == jObj {
			a.walkComponentIDs(p, m.val, owners)
		}
	}
}
