package gate

import (
	"errors"
	"path"

	"github.com/canvasgit/canvasgit/check"
)

// AppChecks is the Checker that runs canvasgit check (the app-wide invariants: unique
// control names across screens, ScreenOrder, unique control ids, leftover markers,
// references to deleted screens...) on one app of the merged tree, in memory: the
// merged tree is a place the checks read the app from.
func AppChecks(app string, tree *MergedTree) ([]Finding, error) {
	if app == "" {
		return nil, nil // files outside any app: nothing app-wide to check
	}
	rep, err := check.CheckPlace(tree, app)
	if errors.Is(err, check.ErrNoManifest) {
		return nil, nil // not an app in this tree (TARGET before the source added it)
	}
	if err != nil {
		return nil, err
	}
	inTree := func(l check.Location) string {
		l.File = path.Join(app, l.File)
		return l.String()
	}
	var out []Finding
	for _, f := range rep.Findings {
		out = append(out, Finding{
			ID:        f.ID(app),
			Path:      path.Join(app, f.File),
			Line:      f.Line,
			Severity:  string(f.Severity),
			Message:   f.Check + ": " + f.MessageWith(inTree),
			overLimit: f.OverLimit,
		})
	}
	return out, nil
}
