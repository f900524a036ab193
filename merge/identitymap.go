package merge

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// identityMapUnique checks a merged <schema>_AdditionalUris0_identity.json: one object
// mapping each control name to the GUID Dataverse knows the control by. Names are
// unique as members of one object; a GUID held by two names (both sides renamed one
// control differently, or copied one control's entry) would make two controls one. Such
// a merge is not done structurally: the error sends the file to the line merge, which
// keeps both sides where they differ.
func identityMapUnique(merged []byte) error {
	var m map[string]any
	if err := json.Unmarshal(trimBOM(merged), &m); err != nil {
		return nil // not the flat map this check is about; the JSON merge's result stands
	}
	holders := map[string][]string{}
	for name, v := range m {
		if id, ok := v.(string); ok && !strings.HasPrefix(name, "__") {
			holders[strings.ToLower(id)] = append(holders[strings.ToLower(id)], name)
		}
	}
	var dups []string
	for id, names := range holders {
		if len(names) > 1 {
			sort.Strings(names)
			dups = append(dups, fmt.Sprintf("%s held by %s", id, strings.Join(names, " and ")))
		}
	}
	if len(dups) == 0 {
		return nil
	}
	sort.Strings(dups)
	return fmt.Errorf("the merged identity map gives one id to two names (%s)", strings.Join(dups, "; "))
}

// wholeFileConflict writes ours and theirs whole between conflict markers, for a file
// whose line merge is clean but wrong.
func wholeFileConflict(in Input, opts linemerge.Options, out *Outcome) {
	size := opts.MarkerSize
	if size <= 0 {
		size = 7
	}
	eol := "\n"
	if strings.Contains(string(in.Ours), "\r\n") {
		eol = "\r\n"
	}
	marker := func(c byte, label string) string {
		m := strings.Repeat(string(c), size)
		if label != "" {
			m += " " + label
		}
		return m + eol
	}
	body := func(b []byte) string {
		s := string(b)
		if s != "" && !strings.HasSuffix(s, "\n") {
			s += eol
		}
		return s
	}
	var b strings.Builder
	b.WriteString(marker('<', opts.OursLabel))
	b.WriteString(body(in.Ours))
	if opts.Style != linemerge.StyleMerge {
		b.WriteString(marker('|', opts.BaseLabel))
		b.WriteString(body(in.Base))
	}
	b.WriteString(marker('=', ""))
	b.WriteString(body(in.Theirs))
	b.WriteString(marker('>', opts.TheirsLabel))
	out.Merged = []byte(b.String())
	n := strings.Count(b.String(), "\n")
	out.Conflicts = []Conflict{{StartLine: 1, EndLine: n, Base: in.Base, Ours: in.Ours, Theirs: in.Theirs, Where: "the whole file", Reason: "one id under two names"}}
}
