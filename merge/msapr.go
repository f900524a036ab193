package merge

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A .msapr (pac canvas unpack --layout SourceCode) is a zip of msapr-header.json and,
// under msapp/, every entry of the msapp except Src/*.pa.yaml, copied unchanged
// (PowerApps-Tooling's MsappPackingService). pac canvas pack copies those entries back
// and adds the YAML from disk. A line merge of the zip's bytes is meaningless, so the
// archive is merged entry by entry: an entry one side changed is taken from that side;
// an entry both sides changed is merged by the rules table under its own path
// (msapp\Controls\4.json is a Controls row, msapp\Header.json the save header, …).
// If every entry merges cleanly the merged zip is written; entries taken unchanged
// keep their compressed bytes. Otherwise nothing can be written inside a zip for the
// user to resolve: ours is kept, the merge is refused, and the message names the
// entries and what to run.

const msaprHint = "keep one side with `git checkout --ours -- <file>` (or --theirs), merge the Src/*.pa.yaml files, then rebuild the .msapr: `pac canvas pack --sources <folder> --msapp merged.msapp`, open merged.msapp in Power Apps Studio and save it, and `pac canvas unpack --msapp merged.msapp --sources <folder> --layout SourceCode`"

// archiveEntry is one entry of a zip, read whole.
type archiveEntry struct {
	f    *zip.File
	data []byte
}

type archive struct {
	names   []string
	entries map[string]archiveEntry
	comment string
}

// readArchive reads a zip whole. An empty input is an empty archive (the base of an
// add/add). The uncompressed total is bounded by MaxInputSize.
func readArchive(b []byte) (*archive, error) {
	a := &archive{entries: map[string]archiveEntry{}}
	if len(b) == 0 {
		return a, nil
	}
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	a.comment = r.Comment
	var total int64
	for _, f := range r.File {
		if _, dup := a.entries[f.Name]; dup {
			return nil, fmt.Errorf("entry %s appears twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("entry %s: %v", f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, MaxInputSize-total+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("entry %s: %v", f.Name, err)
		}
		if total += int64(len(data)); total > MaxInputSize {
			return nil, fmt.Errorf("entries larger than %s uncompressed", byteSize(MaxInputSize))
		}
		a.names = append(a.names, f.Name)
		a.entries[f.Name] = archiveEntry{f: f, data: data}
	}
	return a, nil
}

func (a *archive) get(name string) ([]byte, bool) {
	e, ok := a.entries[name]
	return e.data, ok
}

// mergeArchive merges three .msapr zips entry by entry (see above).
func mergeArchive(in Input, out *Outcome) {
	sides := [3]*archive{}
	for i, b := range [][]byte{in.Base, in.Ours, in.Theirs} {
		a, err := readArchive(b)
		if err != nil {
			out.Merged, out.Status = in.Ours, Conflicted
			out.Messages = append(out.Messages, fmt.Sprintf("%s: %s is not a readable zip (%v); kept ours", in.Path, [3]string{"base", "ours", "theirs"}[i], err))
			return
		}
		sides[i] = a
	}
	base, ours, theirs := sides[0], sides[1], sides[2]

	type result struct {
		name string
		data []byte
	}
	var merged []result
	var failed []string
	var notes []string
	for _, name := range archiveOrder(ours.names, theirs.names) {
		b, inB := base.get(name)
		o, inO := ours.get(name)
		t, inT := theirs.get(name)
		same := func(x []byte, inX bool, y []byte, inY bool) bool { return inX == inY && bytes.Equal(x, y) }
		switch {
		case same(o, inO, t, inT), same(b, inB, t, inT):
			if inO {
				merged = append(merged, result{name, o})
			}
		case same(b, inB, o, inO):
			if inT {
				merged = append(merged, result{name, t})
			}
		case !inO || !inT:
			failed = append(failed, name+" (deleted on one side, changed on the other)")
		default:
			sub := File(Input{Path: name, Base: b, Ours: o, Theirs: t, Options: in.Options, Settings: in.Settings})
			for _, m := range sub.Messages {
				notes = append(notes, in.Path+": "+m)
			}
			if sub.Status != Clean {
				failed = append(failed, fmt.Sprintf("%s (%s, %s)", name, sub.Rule.Kind, sub.Status))
				continue
			}
			merged = append(merged, result{name, sub.Merged})
		}
	}
	out.Messages = append(out.Messages, notes...)
	if len(failed) > 0 {
		// No Conflicts: like any binary file, the result has no line region to show;
		// the message names the entries.
		out.Merged, out.Status = in.Ours, Refused
		out.Messages = append(out.Messages, fmt.Sprintf("%s: refused, kept ours: %s: %s; %s", in.Path, out.Rule.Why, strings.Join(failed, ", "), out.Rule.Hint))
		return
	}

	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	err := func() error {
		for _, r := range merged {
			if err := writeEntry(w, r.name, r.data, ours, theirs); err != nil {
				return err
			}
		}
		if err := w.SetComment(ours.comment); err != nil {
			return err
		}
		return w.Close()
	}()
	if err != nil {
		out.Merged, out.Status = in.Ours, Conflicted
		out.Messages = append(out.Messages, fmt.Sprintf("%s: could not write the merged zip (%v); kept ours", in.Path, err))
		return
	}
	out.Merged, out.Status, out.Structural = buf.Bytes(), Clean, true
}

// writeEntry writes one entry: copied raw from the side whose content it is (so the
// compressed bytes and header stay as that tool wrote them), or compressed anew with
// ours' header fields when the content is a merge.
func writeEntry(w *zip.Writer, name string, data []byte, ours, theirs *archive) error {
	for _, a := range []*archive{ours, theirs} {
		if e, ok := a.entries[name]; ok && bytes.Equal(e.data, data) {
			raw, err := e.f.OpenRaw()
			if err != nil {
				return err
			}
			h := e.f.FileHeader
			fw, err := w.CreateRaw(&h)
			if err != nil {
				return err
			}
			_, err = io.Copy(fw, raw)
			return err
		}
	}
	h := zip.FileHeader{Name: name, Method: zip.Deflate}
	if e, ok := ours.entries[name]; ok {
		h.Method, h.Modified = e.f.Method, e.f.Modified
	} else if e, ok := theirs.entries[name]; ok {
		h.Method, h.Modified = e.f.Method, e.f.Modified
	}
	fw, err := w.CreateHeader(&h)
	if err != nil {
		return err
	}
	_, err = fw.Write(data)
	return err
}

// archiveOrder is ours' entries in order, then theirs' new ones after their
// predecessor in theirs.
func archiveOrder(ours, theirs []string) []string {
	names := slices.Clone(ours)
	prev := ""
	for _, n := range theirs {
		if !slices.Contains(names, n) {
			at := 0
			if prev != "" {
				at = slices.Index(names, prev) + 1
			}
			names = slices.Insert(names, at, n)
		}
		prev = n
	}
	return names
}
