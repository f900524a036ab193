// Package merge is canvasgit's three-way merge engine: it looks up a file's rule in
// the rules table and applies the rule's strategy. It never touches git or the file
// system, so the merge driver, the replay command and the CI gate all share it.
package merge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/canvasgit/canvasgit/merge/fxmerge"
	"github.com/canvasgit/canvasgit/merge/jsonmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/merge/pamerge"
	"github.com/canvasgit/canvasgit/merge/yamlmerge"
)

// Status is the outcome of a file merge.
type Status int

const (
	Clean      Status = iota // merged; nothing to do
	Conflicted               // conflict markers written; the user resolves them
	Refused                  // a protected file whose changes overlap; markers written, merge unsafe
)

func (s Status) String() string {
	switch s {
	case Clean:
		return "clean"
	case Conflicted:
		return "conflicted"
	case Refused:
		return "refused"
	}
	return "unknown"
}

// Settings are the user's overrides of the rules table (git config canvasgit.*).
type Settings struct {
	// Checksum is the strategy for checksum.json: TakeTheirs (default) or TakeOurs.
	Checksum Strategy
}

// Input is one file to merge, as git hands it to a merge driver.
type Input struct {
	Path               string // the path in the tree (%P), used to find the rule
	Base, Ours, Theirs []byte
	Options            linemerge.Options // marker size, conflict style, labels
	Settings           Settings
	// Release, when set, is told of an input the merge has read through and will
	// read little of again (the .fx.yaml fast path, once it has found the lines a
	// side changed: fxmerge.FastParts). The bytes stay the input's: the merge driver
	// lets the system take back the pages of a mapped input, which it reads back from
	// the file where they are touched again (driverio.Release), so nothing may have
	// written to the input before: nothing the merge does before it calls Release does.
	Release func([]byte)
	// fxFastTried says File tried fxmerge's fast path and it did not apply.
	fxFastTried bool
	// jsonTried is the structural JSON merge File made before the search for conflict
	// markers (see jsonFirst); the JSON merger hands it back instead of merging again.
	jsonTried *jsonAttempt
}

// jsonAttempt is one structural JSON merge's result or error.
type jsonAttempt struct {
	res structuralResult
	err error
}

// Outcome is the merged content and what the user should be told about it.
type Outcome struct {
	// Merged is the merged content; nil when FileParts left it in Parts.
	Merged []byte
	// Parts, set only by FileParts, is the merged content as the pieces it is made of
	// (slices of the inputs, mostly), in order; Merged is then nil. See FileParts.
	Parts  [][]byte
	Status Status
	Rule   Rule
	// Strategy is what was actually applied (it differs from Rule.Strategy when the
	// inputs forced a fallback, for example conflict markers already in an input).
	Strategy Strategy
	// Messages are one-line notes for stderr: what was dropped, refused or fell back.
	Messages []string
	// Conflicts are the conflicting regions (also the dropped ones for NeverBlock).
	Conflicts []Conflict
	// Structural reports that a format-aware merger (not the line merge) made Merged.
	Structural bool
}

// Conflict is one conflicting region of Outcome.Merged.
type Conflict struct {
	// StartLine and EndLine are 1-based, inclusive lines of the region in the merged
	// output: the marker lines, or for NeverBlock the lines of ours that were kept.
	StartLine, EndLine int
	// Base, Ours and Theirs are the region's lines on each side, when the line merge
	// made it (a structural merge re-renders, so it reports Where and Reason instead).
	Base, Ours, Theirs []byte
	// Where names the element in conflict, e.g. "Screen1 > Button1 Text"; "" for a
	// line region.
	Where string
	// Reason says what the two sides did, when known.
	Reason string
}

// MaxInputSize is the largest input, in bytes, that canvasgit merges by content: git's
// own bound (MAX_XDIFF_SIZE, 1 GiB), over which git merge-file and git's text merge
// treat a file as binary. The structural mergers hold several copies of each input,
// so without a bound three 2.4 GB inputs took 17 GB before the system killed them.
// Tests lower it.
var MaxInputSize int64 = 1 << 30

// OverSizeLimit reports whether an input of any of the given sizes is too large to
// merge by content (see MaxInputSize).
func OverSizeLimit(sizes ...int64) bool {
	for _, n := range sizes {
		if n > MaxInputSize {
			return true
		}
	}
	return false
}

// OverSizeLimitMessage is the note for a file kept as ours because an input is over
// MaxInputSize.
func OverSizeLimitMessage(path string) string {
	return fmt.Sprintf("%s: an input is larger than %s (git's limit for merging text): treated as binary, kept ours", path, byteSize(MaxInputSize))
}

// byteSize writes n in the largest binary unit that divides it, "1 GiB", "64 B".
func byteSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// File merges one file by its rule.
func File(in Input) Outcome {
	out := FileParts(in)
	if out.Parts != nil {
		out.Merged, out.Parts = out.Content(), nil
	}
	return out
}

// FileParts is File for a caller that writes the result out: a result spliced from the
// inputs (the .fx.yaml fast path: the base with some properties put in; the general
// .fx.yaml merge when it held unchanged controls as spans of the base) is left in
// Parts, so a result the size of a large input is never copied whole into memory
// (issue 18: the merge driver's peak memory). Outcome.WriteTo and Outcome.Equal read
// either form.
func FileParts(in Input) Outcome {
	rule := RuleFor(in.Path)
	out := Outcome{Rule: rule, Strategy: strategyFor(rule, in.Settings)}

	switch {
	// A side that did not change is not a merge: the other side, byte for byte.
	case bytes.Equal(in.Base, in.Ours) || bytes.Equal(in.Ours, in.Theirs):
		out.Merged, out.Status = in.Theirs, Clean
		return out
	case bytes.Equal(in.Base, in.Theirs):
		out.Merged, out.Status = in.Ours, Clean
		return out
	// Decided before any parsing: the size alone bounds the memory a merge takes.
	case OverSizeLimit(int64(len(in.Base)), int64(len(in.Ours)), int64(len(in.Theirs))):
		out.Merged, out.Status = in.Ours, Conflicted
		out.Messages = append(out.Messages, OverSizeLimitMessage(in.Path))
		return out
	case FormatOf(in.Path) == FormatArchive:
		mergeArchive(in, &out)
		return out
	case linemerge.IsBinary(in.Base) || linemerge.IsBinary(in.Ours) || linemerge.IsBinary(in.Theirs):
		out.Merged, out.Status = in.Ours, Conflicted
		out.Messages = append(out.Messages, fmt.Sprintf("%s: binary content changed on both sides; kept ours", in.Path))
		return out
	}
	format := FormatFor(in.Path, in.Base, in.Ours, in.Theirs)
	// The .fx.yaml fast path before the search for conflict markers (four passes over
	// each input): a merge it takes has none in any input (fxmerge.Fast), and its result
	// is the one the structural merge below would give.
	if format == FormatFxYaml && out.Strategy == LineMerge {
		if parts, ok := fxmerge.FastParts(in.Base, in.Ours, in.Theirs, in.Release); ok {
			out.Parts, out.Structural = parts, true
			return out
		}
		in.fxFastTried = true
	}
	// The structural JSON merge before the search for conflict markers (four passes
	// over each input): a marker line cannot be JSON (see jsonFirst), so inputs that
	// merge have none, and only a merge that fails needs the search.
	if jsonFirst(format, out.Rule, out.Strategy) {
		res, err := mergeJSON(in, strategyOptions(out.Strategy, in.Options), out.Rule)
		in.jsonTried = &jsonAttempt{res: res, err: err}
	}
	// Inputs that already hold conflict markers come from rerere replay, a virtual merge
	// base or a committed broken merge: only git's own line semantics are safe there.
	needSearch := in.jsonTried == nil || in.jsonTried.err != nil
	if (out.Strategy != LineMerge || format != FormatText) && needSearch && hasMarkers(in) {
		out.Strategy, format = LineMerge, FormatText
		out.Messages = append(out.Messages, fmt.Sprintf("%s: an input already contains conflict markers; using a plain line merge", in.Path))
	}

	switch out.Strategy {
	case TakeTheirs, TakeOurs:
		takeSide(in, &out)
	case NeverBlock:
		neverBlock(in, format, &out)
	case Protected:
		protected(in, format, &out)
	default:
		contentMerge(in, format, in.Options, &out)
		if len(out.Conflicts) > 0 {
			out.Status = Conflicted
			describeStructural(in, &out)
		}
	}
	return out
}

// contentMerge merges the content with the format's structural merger when there is
// one, falling back to the line merge (with a note) when it does not apply.
func contentMerge(in Input, format Format, opts linemerge.Options, out *Outcome) {
	if merge := structuralMerger(format, out.Rule); merge != nil {
		res, err := merge(in, opts)
		if err == nil {
			out.Merged, out.Parts, out.Structural, out.Conflicts = res.merged, res.parts, true, res.conflicts
			for _, n := range res.notes {
				out.Messages = append(out.Messages, in.Path+": "+n)
			}
			return
		}
		out.Messages = append(out.Messages, fmt.Sprintf("%s: %v; used the line merge", in.Path, err))
	}
	res := linemerge.Merge(in.Base, in.Ours, in.Theirs, opts)
	out.Merged, out.Structural, out.Conflicts = res.Merged, false, nil
	for _, c := range res.Conflicts {
		out.Conflicts = append(out.Conflicts, Conflict{StartLine: c.StartLine, EndLine: c.EndLine, Base: c.Base, Ours: c.Ours, Theirs: c.Theirs})
	}
	if out.Rule.Kind == KindIdentityMap && res.Clean() {
		if err := identityMapUnique(res.Merged); err != nil {
			wholeFileConflict(in, opts, out)
			out.Messages = append(out.Messages, fmt.Sprintf("%s: %v; kept both sides", in.Path, err))
		}
	}
}

// structuralResult is what a structural merger gave, in the engine's terms: the merged
// bytes, the conflicts (Where says which object and field each is in) and notes for
// stderr.
type structuralResult struct {
	merged    []byte
	parts     [][]byte // the merged bytes in pieces instead (merged is then nil), or nil
	conflicts []Conflict
	notes     []string
}

// structuralMerger returns the structural merge of the format under the rule, or nil
// when the line merge is the only one. Its error means the line merge must be used.
func structuralMerger(format Format, rule Rule) func(Input, linemerge.Options) (structuralResult, error) {
	switch {
	case format == FormatFxYaml:
		return mergeFxYaml
	case format == FormatPaYaml:
		return mergePaYaml
	case format == FormatYAML && rule.YAML != nil:
		return func(in Input, opts linemerge.Options) (structuralResult, error) {
			res, err := yamlmerge.Merge(in.Base, in.Ours, in.Theirs, *rule.YAML, opts)
			return structuralResult{merged: res.Merged, notes: res.Notes,
				conflicts: conflictsOf(res.Conflicts, func(c yamlmerge.Conflict) Conflict {
					return Conflict{StartLine: c.StartLine, EndLine: c.EndLine, Where: c.Path, Reason: c.Reason}
				})}, err
		}
	case format == FormatJSON && rule.JSON != nil:
		return func(in Input, opts linemerge.Options) (structuralResult, error) {
			if in.jsonTried != nil { // made by File with these options
				return in.jsonTried.res, in.jsonTried.err
			}
			return mergeJSON(in, opts, rule)
		}
	}
	return nil
}

// jsonFirst says File makes the structural JSON merge before it searches the inputs
// for conflict markers: every JSON rule but the take-a-side ones (which read nothing).
// A marker line starts with '<', '=', '>' or '|' at the start of a line, and no JSON
// text can hold one: outside a string those characters are not JSON, and a string
// holds no raw newline (nor any control character). So an input with markers fails
// the JSON merge, which then runs the search as before, and an input that parses has
// none: the outcome is the same, without four passes over each input.
func jsonFirst(format Format, rule Rule, s Strategy) bool {
	return format == FormatJSON && rule.JSON != nil && s != TakeTheirs && s != TakeOurs
}

// strategyOptions are the merge options a strategy merges with: NeverBlock resolves
// every overlap to ours.
func strategyOptions(s Strategy, opts linemerge.Options) linemerge.Options {
	if s == NeverBlock {
		opts.Favor = linemerge.FavorOurs
	}
	return opts
}

// mergeJSON is the structural JSON merge under the rule's policy.
func mergeJSON(in Input, opts linemerge.Options, rule Rule) (structuralResult, error) {
	res, err := jsonmerge.Merge(in.Base, in.Ours, in.Theirs, *rule.JSON, opts)
	if err == nil && rule.Kind == KindIdentityMap && res.Clean() {
		err = identityMapUnique(res.Merged)
	}
	return structuralResult{merged: res.Merged, notes: res.Notes,
		conflicts: conflictsOf(res.Conflicts, func(c jsonmerge.Conflict) Conflict {
			return Conflict{StartLine: c.StartLine, EndLine: c.EndLine, Where: c.Path, Reason: c.Reason}
		})}, err
}

func mergeFxYaml(in Input, opts linemerge.Options) (structuralResult, error) {
	var res fxmerge.Result
	var parts [][]byte
	var err error
	if in.fxFastTried {
		// The result may come in pieces, of the base mostly (Outcome.Parts).
		res, parts, err = fxmerge.MergeGeneralParts(in.Base, in.Ours, in.Theirs, opts, in.Release)
	} else {
		res, err = fxmerge.Merge(in.Base, in.Ours, in.Theirs, opts)
	}
	return structuralResult{merged: res.Merged, parts: parts, conflicts: conflictsOf(res.Conflicts, func(c fxmerge.Conflict) Conflict {
		where := c.ControlPath
		if c.Property != "" {
			where += " " + c.Property
		}
		return Conflict{StartLine: c.StartLine, EndLine: c.EndLine, Where: where, Reason: c.Reason}
	})}, err
}

func mergePaYaml(in Input, opts linemerge.Options) (structuralResult, error) {
	res, err := pamerge.Merge(in.Base, in.Ours, in.Theirs, opts)
	return structuralResult{merged: res.Merged, conflicts: conflictsOf(res.Conflicts, func(c pamerge.Conflict) Conflict {
		where := c.Path
		if c.Field != "" {
			where = strings.TrimSpace(where + " " + c.Field)
		}
		return Conflict{StartLine: c.StartLine, EndLine: c.EndLine, Where: where, Reason: c.Reason}
	})}, err
}

// conflictsOf turns a structural merger's conflicts into the engine's, nil for none.
func conflictsOf[C any](cs []C, conflict func(C) Conflict) []Conflict {
	if len(cs) == 0 {
		return nil
	}
	out := make([]Conflict, 0, len(cs))
	for _, c := range cs {
		out = append(out, conflict(c))
	}
	return out
}

// describeStructural says on stderr what each structural conflict is about; git's own
// "CONFLICT (content)" line only names the file.
func describeStructural(in Input, out *Outcome) {
	for _, c := range out.Conflicts {
		if c.Where != "" {
			out.Messages = append(out.Messages, fmt.Sprintf("%s:%s: conflict in %s: %s", in.Path, lineSpan(c), c.Where, c.Reason))
		}
	}
}

func strategyFor(rule Rule, s Settings) Strategy {
	if rule.Kind == KindChecksum && s.Checksum == TakeOurs {
		return TakeOurs
	}
	return rule.Strategy
}

// hasMarkers is the search for conflict markers; tests count its calls.
var hasMarkers = searchMarkers

func searchMarkers(in Input) bool {
	size := in.Options.MarkerSize
	return linemerge.HasConflictMarkers(in.Base, size) ||
		linemerge.HasConflictMarkers(in.Ours, size) ||
		linemerge.HasConflictMarkers(in.Theirs, size)
}

// takeSide takes one side whole. A side that did not change is not "the latest
// version", so a one-sided change is always taken, byte for byte.
func takeSide(in Input, out *Outcome) {
	out.Status = Clean
	switch {
	case bytes.Equal(in.Base, in.Theirs):
		out.Merged = in.Ours
	case bytes.Equal(in.Base, in.Ours) || bytes.Equal(in.Ours, in.Theirs):
		out.Merged = in.Theirs
	case out.Strategy == TakeOurs:
		out.Merged = in.Ours
		out.Messages = append(out.Messages, fmt.Sprintf("%s: kept ours whole (canvasgit.checksum = ours)", in.Path))
	default:
		out.Merged = in.Theirs
		out.Messages = append(out.Messages, fmt.Sprintf("%s: took theirs whole (%s)", in.Path, out.Rule.Why))
	}
}

// neverBlock merges what merges cleanly and keeps ours in every conflicting region.
// A JSON file must still parse afterwards; if the hunk-by-hunk result does not, ours is
// kept whole (Studio regenerates these files, a broken one would stop pac from packing).
func neverBlock(in Input, format Format, out *Outcome) {
	contentMerge(in, format, strategyOptions(NeverBlock, in.Options), out)
	out.Status = Clean
	if len(out.Conflicts) == 0 {
		return
	}
	// jsonmerge has already validated a structural result with conflicts.
	structuralJSON := out.Structural && format == FormatJSON
	if !structuralJSON && looksJSON(in.Ours) && !json.Valid(trimBOM(out.Merged)) {
		out.Merged = in.Ours
		out.Messages = append(out.Messages, fmt.Sprintf("%s: %d conflicting part(s); kept ours whole because a part-by-part merge was not valid JSON (%s)", in.Path, len(out.Conflicts), out.Rule.Why))
		return
	}
	if out.Structural {
		// Volatile JSON collides in hundreds of values at once (ids, timestamps, editor
		// state): one line per file, naming the first few paths.
		out.Messages = append(out.Messages, fmt.Sprintf("%s: dropped theirs, kept ours for %d value(s) changed on both sides (%s) (%s)", in.Path, len(out.Conflicts), firstPlaces(out.Conflicts, 3), out.Rule.Why))
		return
	}
	for _, c := range out.Conflicts {
		out.Messages = append(out.Messages, fmt.Sprintf("%s:%s: dropped theirs, kept ours (%s)", in.Path, lineSpan(c), out.Rule.Why))
	}
}

// firstPlaces names up to n conflict places, "$.A at line 3, $.B at line 9, ...".
func firstPlaces(cs []Conflict, n int) string {
	var parts []string
	for i, c := range cs {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(cs)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%s at line %s", c.Where, lineSpan(c)))
	}
	return strings.Join(parts, ", ")
}

// protected merges only when the sides' changes do not overlap.
func protected(in Input, format Format, out *Outcome) {
	contentMerge(in, format, in.Options, out)
	if len(out.Conflicts) == 0 {
		out.Status = Clean
		return
	}
	out.Status = Refused
	for _, c := range out.Conflicts {
		where := ""
		if c.Where != "" {
			where = " in " + c.Where
		}
		out.Messages = append(out.Messages, fmt.Sprintf("%s:%s: refused%s: %s; %s", in.Path, lineSpan(c), where, out.Rule.Why, out.Rule.Hint))
	}
}

// lineSpan names the lines of a region of the merged output, "12" or "12-20".
func lineSpan(c Conflict) string {
	if c.EndLine <= c.StartLine {
		return fmt.Sprint(c.StartLine)
	}
	return fmt.Sprintf("%d-%d", c.StartLine, c.EndLine)
}

func looksJSON(b []byte) bool {
	b = bytes.TrimSpace(trimBOM(b))
	return len(b) > 0 && (b[0] == '{' || b[0] == '[') && json.Valid(b)
}

func trimBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}
