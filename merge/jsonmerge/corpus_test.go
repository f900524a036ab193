package jsonmerge_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/internal/corpus"
	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/jsonmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// policyFor mirrors the rules table: the row merge.RuleFor picks, and for rows that
// are plain line merges today, the component or generic policy. ok is false for
// files the JSON merge does not handle (checksum.json is taken whole by the engine).
func policyFor(p string) (label string, pol jsonmerge.Policy, ok bool) {
	lower := strings.ToLower(p)
	if !strings.HasSuffix(lower, ".json") && !strings.HasSuffix(lower, ".sarif") {
		return "", pol, false
	}
	switch kind := merge.RuleFor(p).Kind; kind {
	case merge.KindManifest:
		return string(kind), jsonmerge.ManifestPolicy, true
	case merge.KindConnections:
		return string(kind), jsonmerge.ConnectionsPolicy, true
	case merge.KindDataSources:
		return string(kind), jsonmerge.DataSourcesPolicy, true
	case merge.KindPkgs:
		return string(kind), jsonmerge.PkgsPolicy, true
	case merge.KindEntropy:
		return string(kind), jsonmerge.EntropyPolicy, true
	case merge.KindEditorState:
		return string(kind), jsonmerge.EditorStatePolicy, true
	case merge.KindAppChecker:
		return string(kind), jsonmerge.SarifPolicy, true
	case merge.KindChecksum:
		return "", pol, false
	}
	dir := strings.ToLower(path.Dir(strings.ReplaceAll(p, `\`, "/")))
	if strings.HasSuffix(dir, "src/components") {
		return "component json", jsonmerge.ComponentPolicy, true
	}
	return "other json", jsonmerge.GenericPolicy, true
}

var corpusBudget = flag.Duration("jsonmerge.corpusbudget", 25*time.Second, "time allowed for the corpus replay (clones included)")

var renumberedRE = regexp.MustCompile(`: (\d+) id\(s\) from theirs renumbered`)

type tally struct {
	files, clean, keptOurs, conflicted, refused, fallback int
	lineClean, studioBytes, studioJSON, studioMissing     int
	overlaps, renumbered                                  int
}

// corpusBundles lists the corpus's merge bundles, skipping the test in -short mode or
// when the corpus or git is absent.
func corpusBundles(t *testing.T) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("corpus replay skipped in -short mode")
	}
	return corpus.Bundles(t)
}

// TestCorpusMerges replays every merge recorded in the corpus bundles: for each JSON
// file both parents changed, Merge runs with the policy of the file's row and the
// outcome is counted (clean, clean with overlaps resolved to ours, conflicted,
// refused, fallback) and compared with the result Studio or the author committed.
func TestCorpusMerges(t *testing.T) {
	bundles := corpusBundles(t)
	start := time.Now()
	deadline := start.Add(*corpusBudget)
	total := map[string]*tally{}
	var kinds []string
	var slow, lineTime, mergeTime time.Duration
	slowName := ""
	for _, b := range bundles {
		trs := bundleTriples(t, b)
		t.Logf("%s: %d JSON files changed on both sides of a merge", filepath.Base(b), len(trs))
		for _, tr := range trs {
			if time.Now().After(deadline) {
				t.Logf("time budget spent; the rest of %s is left out", filepath.Base(b))
				break
			}
			label, pol, ok := policyFor(tr.path)
			if !ok {
				continue
			}
			tl := total[label]
			if tl == nil {
				tl = &tally{}
				total[label] = tl
				kinds = append(kinds, label)
			}
			tl.files++
			opt := linemerge.Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			t0 := time.Now()
			if linemerge.Merge(tr.base, tr.ours, tr.theirs, opt).Clean() {
				tl.lineClean++
			}
			lineTime += time.Since(t0)
			t0 = time.Now()
			res, err := jsonmerge.Merge(tr.base, tr.ours, tr.theirs, pol, opt)
			d := time.Since(t0)
			mergeTime += d
			if d > slow {
				slow, slowName = d, tr.name
			}
			if err != nil {
				if !errors.Is(err, jsonmerge.ErrFallback) {
					t.Errorf("%s: error not wrapping ErrFallback: %v", tr.name, err)
				}
				tl.fallback++
				t.Logf("fallback: %s: %v", tr.name, err)
				continue
			}
			tl.overlaps += len(res.Conflicts)
			switch {
			case !res.Clean() && pol.Mode == jsonmerge.ModeRefuse:
				tl.refused++
			case !res.Clean():
				tl.conflicted++
			case len(res.Conflicts) > 0:
				tl.keptOurs++
			default:
				tl.clean++
			}
			for _, n := range res.Notes {
				if m := renumberedRE.FindStringSubmatch(n); m != nil {
					k, _ := strconv.Atoi(m[1])
					tl.renumbered += k
				}
			}
			if pol.Name == jsonmerge.EntropyPolicy.Name && duplicateIDs(res.Merged) && !duplicateIDs(tr.ours) && !duplicateIDs(tr.theirs) {
				t.Errorf("%s: the merge gave two controls the same ControlUniqueIds id", tr.name)
			}
			if res.Clean() {
				if !json.Valid(bytes.TrimPrefix(res.Merged, []byte("\xef\xbb\xbf"))) {
					t.Errorf("%s: clean result is not valid JSON", tr.name)
				}
				switch {
				case tr.recorded == nil:
					tl.studioMissing++
				case bytes.Equal(res.Merged, tr.recorded):
					tl.studioBytes++
					tl.studioJSON++
				case jsonEqual(res.Merged, tr.recorded):
					tl.studioJSON++
				default:
					if d := os.Getenv("JM_DUMP"); d != "" {
						n := filepath.Join(d, strings.NewReplacer("/", "_", ":", "_").Replace(tr.name))
						os.WriteFile(n+".got", res.Merged, 0o644)
						os.WriteFile(n+".rec", tr.recorded, 0o644)
						os.WriteFile(n+".ours", tr.ours, 0o644)
						os.WriteFile(n+".theirs", tr.theirs, 0o644)
						os.WriteFile(n+".base", tr.base, 0o644)
					}
				}
			} else {
				for _, c := range res.Conflicts {
					if !c.Resolved {
						t.Logf("%s: %s (%s) lines %d-%d: %s", pol.Mode, tr.name, c.Path, c.StartLine, c.EndLine, c.Reason)
					}
				}
			}
		}
	}
	sort.Strings(kinds)
	var sum tally
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s %5s %5s %9s %10s %7s %8s | %10s | %12s %11s\n", "kind", "files", "clean", "kept-ours", "conflicted", "refused", "fallback", "line-clean", "studio-bytes", "studio-json")
	for _, k := range kinds {
		tl := total[k]
		fmt.Fprintf(&b, "%-20s %5d %5d %9d %10d %7d %8d | %10d | %12d %11d\n", k, tl.files, tl.clean, tl.keptOurs, tl.conflicted, tl.refused, tl.fallback, tl.lineClean, tl.studioBytes, tl.studioJSON)
		sum.files += tl.files
		sum.clean += tl.clean
		sum.keptOurs += tl.keptOurs
		sum.conflicted += tl.conflicted
		sum.refused += tl.refused
		sum.fallback += tl.fallback
		sum.lineClean += tl.lineClean
		sum.studioBytes += tl.studioBytes
		sum.studioJSON += tl.studioJSON
		sum.renumbered += tl.renumbered
		sum.overlaps += tl.overlaps
	}
	fmt.Fprintf(&b, "%-20s %5d %5d %9d %10d %7d %8d | %10d | %12d %11d\n", "total", sum.files, sum.clean, sum.keptOurs, sum.conflicted, sum.refused, sum.fallback, sum.lineClean, sum.studioBytes, sum.studioJSON)
	fmt.Fprintf(&b, "overlaps found: %d (resolved or marked); ControlUniqueIds renumbered: %d\n", sum.overlaps, sum.renumbered)
	t.Logf("corpus JSON merges (%s in all, %s in the JSON merge, %s in the line merge; slowest file %s: %s):\n%s",
		time.Since(start).Round(time.Millisecond), mergeTime.Round(time.Millisecond), lineTime.Round(time.Millisecond),
		slowName, slow.Round(time.Millisecond), b.String())
}

// duplicateIDs reports whether an Entropy.json gives one id to two names.
func duplicateIDs(data []byte) bool {
	var e struct{ ControlUniqueIds map[string]json.Number }
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &e) != nil {
		return false
	}
	seen := map[json.Number]bool{}
	for _, id := range e.ControlUniqueIds {
		if seen[id] {
			return true
		}
		seen[id] = true
	}
	return false
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(bytes.TrimPrefix(a, []byte("\xef\xbb\xbf")), &x) != nil || json.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

type triple struct {
	name, path                   string
	base, ours, theirs, recorded []byte
}

// bundleTriples lists, for every two-parent merge of a bundle, the JSON files (those
// with a policy) both parents changed since the merge base, with the merge commit's
// own version as the recorded result.
func bundleTriples(t *testing.T, bundle string) []triple {
	r := corpus.Clone(t, bundle)
	var out []triple
	var names []string
	for _, m := range r.Merges(t) {
		for _, p := range m.Both {
			if _, _, ok := policyFor(p); !ok {
				continue
			}
			out = append(out, triple{name: m.Commit[:10] + ":" + p, path: p})
			for _, c := range []string{m.Base, m.Ours, m.Theirs, m.Commit} {
				names = append(names, c+":"+p)
			}
		}
	}
	blobs := r.Blobs(t, names)
	kept := out[:0]
	for i, tr := range out {
		b := blobs[4*i : 4*i+4]
		if b[1].ID == "" || b[2].ID == "" {
			continue // a delete on one side: git's job, not the driver's
		}
		tr.base, tr.ours, tr.theirs, tr.recorded = b[0].Data, b[1].Data, b[2].Data, b[3].Data
		kept = append(kept, tr)
	}
	return kept
}
