package gate

import (
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// Issue 13 on real history: in the PowerAppCollab app, intake_screen's
// fullname_DataCard1 and admin_screen_users' fullName_DataCard1 differ only in case, on
// main for months. A merge that does not touch them must be SAFE, and the report must
// list the pair as already in the target.
func TestPreExistingFindingCorpus(t *testing.T) {
	var bundle string
	for _, b := range corpus.Bundles(t) {
		if corpus.Name(b) == "PowerAppCollab+PowerApps0.1" {
			bundle = b
		}
	}
	if bundle == "" {
		t.Skip("the PowerAppCollab+PowerApps0.1 bundle is not in the corpus")
	}
	r, err := Open(corpus.Clone(t, bundle).Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// The two parents of merge 2e54a4e69d.
	const target, source = "532c40a360c06c333c6ef5acb36ccfecbfdc4e44", "3748b117b24acb091b85011ed19f7f5602d2ff63"
	rep, err := Run(r, Options{Target: target, Source: source, Checks: []Checker{AppChecks}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Safe {
		t.Errorf("verdict %s, want safe", rep.Verdict)
	}
	var found *Finding
	for _, a := range rep.Apps {
		for i, f := range a.Findings {
			if f.ID == "case-collision:app:fullName_DataCard1:fullname_DataCard1" {
				found = &a.Findings[i]
			}
			if f.Status != FindingPreExisting {
				t.Errorf("finding %s is %s, want pre-existing", f.ID, f.Status)
			}
		}
	}
	if found == nil {
		t.Fatalf("no case-collision finding for the fullName_DataCard1 pair: %+v", rep.Apps)
	}
	if found.Severity != "warning" {
		t.Errorf("the case pair is a %s, want a warning", found.Severity)
	}
}
