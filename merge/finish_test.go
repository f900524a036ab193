package merge

import (
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/merge/linemerge"
)

func TestFinishSteps(t *testing.T) {
	opts := linemerge.Options{OursLabel: "HEAD", TheirsLabel: "feature"}
	if got := FinishSteps("App/Src/Screen1.fx.yaml", Clean, opts); got != nil {
		t.Errorf("clean merge: %q, want nothing", got)
	}

	refused := strings.Join(FinishSteps("App/DataSources/Accounts.json", Refused, opts), "\n")
	for _, want := range []string{
		"keep ours (HEAD): git checkout --ours -- App/DataSources/Accounts.json && git add App/DataSources/Accounts.json",
		"keep theirs (feature): git checkout --theirs -- App/DataSources/Accounts.json && git add App/DataSources/Accounts.json",
		"then: git add App/DataSources/Accounts.json",
		"git commit",
	} {
		if !strings.Contains(refused, want) {
			t.Errorf("refused steps lack %q:\n%s", want, refused)
		}
	}

	// An ordinary conflict: editing canvasgit's result comes first, and keeping a side
	// says what it throws away.
	conflict := FinishSteps("App/Src/Screen1.fx.yaml", Conflicted, linemerge.Options{})
	if !strings.Contains(conflict[0], "to finish, edit App/Src/Screen1.fx.yaml") {
		t.Errorf("first step is not the edit: %q", conflict[0])
	}
	joined := strings.Join(conflict, "\n")
	if !strings.Contains(joined, "of ours, dropping every change from theirs (merged ones too): git checkout --ours -- App/Src/Screen1.fx.yaml && git add App/Src/Screen1.fx.yaml") {
		t.Errorf("no keep-ours step without labels:\n%s", joined)
	}
}

func TestFinishStepsQuotesPaths(t *testing.T) {
	got := strings.Join(FinishSteps("My App/Src/Screen's 1.fx.yaml", Refused, linemerge.Options{}), "\n")
	want := `git checkout --ours -- 'My App/Src/Screen'\''s 1.fx.yaml' && git add 'My App/Src/Screen'\''s 1.fx.yaml'`
	if !strings.Contains(got, want) {
		t.Errorf("path not quoted for the shell:\n%s\nwant %s", got, want)
	}
}
