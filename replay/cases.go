package replay

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeCase writes one differing or conflicted file as a folder under --cases:
//
//	<cases>/<merge, 12 hex>/<path>/base<ext> ours<ext> theirs<ext> recorded<ext>
//	                               canvasgit<ext> plain<ext> case.txt
//
// <ext> is the file's own extension (.fx.yaml, .json, ...) so editors and diff tools
// recognise the content; a version that does not exist (a deleted file, a failed run)
// is not written, and case.txt says which are missing. It returns the folder relative
// to the cases folder, with forward slashes.
func (r *replayer) writeCase(c *candidate, f File, plain, cg mergeRun) (string, error) {
	segs := []string{short(c.commit)}
	for _, s := range strings.Split(f.Path, "/") {
		segs = append(segs, safeName(s))
	}
	rel := strings.Join(segs, "/")
	dir := filepath.Join(r.opts.CasesDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ext := extOf(f.Path)
	versions := []struct{ name, rev, what string }{
		{"base", c.bases[0], "the merge base " + c.bases[0]},
		{"ours", c.parents[0], "parent 1 " + c.parents[0]},
		{"theirs", c.parents[1], "parent 2 " + c.parents[1]},
		{"recorded", c.commit, "the recorded merge " + c.commit},
		{"canvasgit", cg.tree.tree, "canvasgit's merge (conflict markers if it conflicted)"},
		{"plain", plain.tree.tree, "plain git's merge (conflict markers if it conflicted)"},
	}
	var info strings.Builder
	fmt.Fprintf(&info, "merge    %s %s\npath     %s\nkind     %s\n", c.commit, c.subject, f.Path, f.Kind)
	fmt.Fprintf(&info, "canvasgit %s", f.Canvasgit.Status)
	switch f.Canvasgit.Recorded {
	case Differs:
		info.WriteString(", differs from the recorded merge")
	case CanonicalEqual:
		info.WriteString(", equal to the recorded merge after canonical re-formatting")
	case ByteEqual:
		info.WriteString(", byte-equal to the recorded merge")
	}
	if len(f.Canvasgit.Conflict) > 0 {
		fmt.Fprintf(&info, " (%s)", strings.Join(f.Canvasgit.Conflict, ", "))
	}
	fmt.Fprintf(&info, "\nplain git %s\n", f.Plain.Status)
	if len(c.bases) > 1 {
		fmt.Fprintf(&info, "note: %d merge bases; git merged a virtual base, base%s is the first one\n", len(c.bases), ext)
	}
	fmt.Fprintln(&info)
	for _, v := range versions {
		name := v.name + ext
		var data []byte
		ok := false
		if v.rev != "" {
			var err error
			if data, ok, err = r.cat.blob(v.rev, f.Path); err != nil {
				return "", err
			}
		}
		if !ok {
			fmt.Fprintf(&info, "%-20s (absent) %s\n", name, v.what)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
		fmt.Fprintf(&info, "%-20s %s\n", name, v.what)
	}
	fmt.Fprintf(&info, "\ncompare: diff -u recorded%s canvasgit%s\n", ext, ext)
	if err := os.WriteFile(filepath.Join(dir, "case.txt"), []byte(info.String()), 0o644); err != nil {
		return "", err
	}
	return rel, nil
}

// extOf returns the extension a case file keeps: the double ones canvas apps use, else
// the last one.
func extOf(p string) string {
	base := p[strings.LastIndex(p, "/")+1:]
	lower := strings.ToLower(base)
	for _, e := range []string{".fx.yaml", ".pa.yaml", ".editorstate.json"} {
		if strings.HasSuffix(lower, e) {
			return base[len(base)-len(e):]
		}
	}
	if i := strings.LastIndex(base, "."); i > 0 {
		return base[i:]
	}
	return ""
}

// safeName makes a path segment usable as a folder name on every system.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"\|?*`, r) {
			return '_'
		}
		return r
	}, s)
	if s == "" || s == "." || s == ".." {
		return "_" + s
	}
	return s
}
