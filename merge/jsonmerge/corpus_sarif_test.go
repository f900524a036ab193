package jsonmerge_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/jsonmerge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// TestCorpusSarifEntries merges every AppCheckerResult.sarif both parents of a
// corpus merge changed and checks the SARIF entries by identity (a rule by id, a
// result by ruleId, locations and message): an entry all three sides have is in the
// result (as often as on every side, when App Checker wrote it more than once), no
// entry appears more often than on either side, and
// an entry one side deleted while the other left it unchanged does not come back
// (except a rule a result of the merged file uses).
// Every result's ruleIndex points at its rule when both sides' did.
func TestCorpusSarifEntries(t *testing.T) {
	bundles := corpusBundles(t)
	files, common, checked := 0, 0, 0
	for _, b := range bundles {
		for _, tr := range bundleTriples(t, b) {
			if !strings.EqualFold(filepath.Base(tr.path), "AppCheckerResult.sarif") {
				continue
			}
			files++
			opt := linemerge.Options{OursLabel: "ours", BaseLabel: "base", TheirsLabel: "theirs"}
			res, err := jsonmerge.Merge(tr.base, tr.ours, tr.theirs, jsonmerge.SarifPolicy, opt)
			if err != nil {
				t.Errorf("%s: %v", tr.name, err)
				continue
			}
			if os.Getenv("JM_NOTES") != "" {
				for _, n := range res.Notes {
					t.Logf("%s: note: %.300s", tr.name, n)
				}
			}
			if !res.Clean() {
				t.Errorf("%s: App Checker results left conflicted", tr.name)
				continue
			}
			if bad := staleRuleIndexes(t, res.Merged); bad > 0 && staleRuleIndexes(t, tr.ours)+staleRuleIndexes(t, tr.theirs) == 0 {
				t.Errorf("%s: %d results' ruleIndex does not point at their rule", tr.name, bad)
			}
			base, ours, theirs, got := sarifEntries(t, tr.base), sarifEntries(t, tr.ours), sarifEntries(t, tr.theirs), sarifEntries(t, res.Merged)
			used := usedRules(t, res.Merged)
			for list, g := range got {
				for id, n := range g {
					if n > 1 && n > max(ours[list][id], theirs[list][id]) {
						t.Errorf("%s: %s entry %s appears %d times, more than on either side", tr.name, list, id, n)
					}
				}
				for id, nb := range base[list] {
					// App Checker sometimes writes one result twice: count copies.
					no, nt := ours[list][id], theirs[list][id]
					checked++
					if all := min(nb, no, nt); all > 0 {
						common++
						if g[id] < all || g[id] > max(no, nt) {
							t.Errorf("%s: %s entry %s, on all three sides (%d, %d, %d times), is in the result %d times", tr.name, list, id, nb, no, nt, g[id])
						}
						continue
					}
					if nb == 1 && (no == 0) != (nt == 0) {
						// Deleted on one side: it must stay deleted when the other side
						// left it as it was (same identity, same content).
						kept := tr.ours
						if nt > 0 {
							kept = tr.theirs
						}
						// A rule a result of the merged file uses is kept on purpose.
						if g[id] > 0 && sameEntry(t, tr.base, kept, list, id) && !(list == "rules" && used[id]) {
							t.Errorf("%s: %s entry %s, deleted on one side and unchanged on the other, came back", tr.name, list, id)
						}
					}
				}
			}
		}
	}
	if files == 0 {
		t.Skip("no merge changed AppCheckerResult.sarif on both sides")
	}
	t.Logf("%d App Checker result files merged; %d base entries checked, %d of them on all three sides", files, checked, common)
}

// sarifEntries counts the entries of each identified list ("rules", "results") by
// identity, over all runs.
func sarifEntries(t *testing.T, data []byte) map[string]map[string]int {
	t.Helper()
	out := map[string]map[string]int{"rules": {}, "results": {}}
	for _, e := range sarifLists(t, data) {
		out[e.list][e.id]++
	}
	return out
}

type sarifEntry struct {
	list, id string
	raw      json.RawMessage
}

func sarifLists(t *testing.T, data []byte) []sarifEntry {
	t.Helper()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
			Tool    struct {
				Driver struct {
					Rules []json.RawMessage `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &log); err != nil {
		t.Fatalf("not a SARIF log: %v", err)
	}
	var out []sarifEntry
	for _, run := range log.Runs {
		for _, r := range run.Tool.Driver.Rules {
			out = append(out, sarifEntry{"rules", identityOf(t, r, "id"), r})
		}
		for _, r := range run.Results {
			out = append(out, sarifEntry{"results", identityOf(t, r, "ruleId", "locations", "message"), r})
		}
	}
	return out
}

// staleRuleIndexes counts the results whose ruleIndex is not the position of their
// rule (ruleId) in the run's rules (SARIF 2.1.0 §3.27.6).
func staleRuleIndexes(t *testing.T, data []byte) int {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex *int   `json:"ruleIndex"`
			} `json:"results"`
			Tool struct {
				Driver struct {
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &log); err != nil {
		t.Fatalf("not a SARIF log: %v", err)
	}
	bad := 0
	for _, run := range log.Runs {
		rules := run.Tool.Driver.Rules
		for _, r := range run.Results {
			if r.RuleIndex != nil && (*r.RuleIndex < 0 || *r.RuleIndex >= len(rules) || rules[*r.RuleIndex].ID != r.RuleID) {
				bad++
			}
		}
	}
	return bad
}

// usedRules lists the rule ids the results use, as identities of rules (see sarifLists).
func usedRules(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, e := range sarifLists(t, data) {
		if e.list == "results" {
			out[identityOf(t, e.raw, "ruleId")] = true
		}
	}
	return out
}

// identityOf is the canonical JSON of the named members (encoding/json sorts map keys).
func identityOf(t *testing.T, raw json.RawMessage, fields ...string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, f := range fields {
		b, _ := json.Marshal(m[f])
		parts = append(parts, string(b))
	}
	return strings.Join(parts, " ")
}

// sameEntry reports whether the entry with the identity is equal as JSON in a and b.
func sameEntry(t *testing.T, a, b []byte, list, id string) bool {
	find := func(data []byte) json.RawMessage {
		for _, e := range sarifLists(t, data) {
			if e.list == list && e.id == id {
				return e.raw
			}
		}
		return nil
	}
	return jsonEqual(find(a), find(b))
}
