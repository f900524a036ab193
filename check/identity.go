package check

import "strings"

// A change (a commit, a merge) is judged by the findings it introduces, not by the
// ones its baseline already had: an app published with two controls whose names differ
// only in case must not block every later commit that never touches them. Findings are
// matched by identity (Key), never by line number or message, so an edit elsewhere in
// the file does not make an old finding look new.

// Key is the finding's identity within its app: the check and the names involved.
func (f Finding) Key() string {
	return f.Check + "\x00" + strings.Join(f.Names, "\x00")
}

// ID is Key in readable form, with the app's folder: `check:app:name[:name]`, e.g.
// `case-collision:src:fullName_DataCard1:fullname_DataCard1`. app is the folder as the
// caller names it ("." or "" for the top).
func (f Finding) ID(app string) string {
	if app == "" {
		app = "."
	}
	return strings.Join(append([]string{f.Check, app}, f.Names...), ":")
}

// MarkPreExisting marks the findings of r that base, the report of the same app at the
// baseline, already has. Identities are counted: when the baseline has one duplicate
// 'Button1' and r has two, one of r's is pre-existing and the other introduced. A nil
// base (the app did not exist there) marks nothing.
func (r *Report) MarkPreExisting(base *Report) {
	if base == nil {
		return
	}
	have := map[string]int{}
	for _, f := range base.Findings {
		have[f.Key()]++
	}
	for i := range r.Findings {
		k := r.Findings[i].Key()
		if have[k] > 0 {
			have[k]--
			r.Findings[i].PreExisting = true
		}
	}
}
