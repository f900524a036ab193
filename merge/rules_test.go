package merge

import (
	"testing"

	"github.com/canvasgit/canvasgit/merge/jsonmerge"
)

func TestRuleFor(t *testing.T) {
	cases := []struct {
		path     string
		kind     Kind
		strategy Strategy
	}{
		// current layout, at the repository root and nested
		{"Src/Screen1.fx.yaml", KindFxYaml, LineMerge},
		{"app/Src/App.fx.yaml", KindFxYaml, LineMerge},
		{"CanvasApps/src/MyApp/Src/Components/Card.fx.yaml", KindFxYaml, LineMerge},
		{"app/Src/Tests/Test_7F478737223C4B69.fx.yaml", KindFxYaml, LineMerge},
		{"app/Src/EditorState/Screen1.editorstate.json", KindEditorState, NeverBlock},
		{"Src/Screen1.pa.yaml", KindPaYaml, LineMerge},
		{"solutions/S/canvasapps/x_app_DocumentUri/Src/Components/Card.pa.yaml", KindPaYaml, LineMerge},
		{"app/Src/_EditorState.pa.yaml", KindPaYaml, LineMerge},
		{"app/Other/Src/App.PA.YAML", KindPaYaml, LineMerge},
		{"app/Src/DataSources/Accounts.pa.yaml", KindDataSources, Protected},
		{"app/Entropy/Entropy.json", KindEntropy, NeverBlock},
		{"app/Entropy/AppCheckerResult.sarif", KindAppChecker, NeverBlock},
		{"app/Entropy/checksum.json", KindChecksum, TakeTheirs},
		{"app/CanvasManifest.json", KindManifest, Protected},
		{"app/Connections/Connections.json", KindConnections, Protected},
		{"app/DataSources/Accounts.json", KindDataSources, Protected},
		{"app/pkgs/TableDefinitions/Accounts.json", KindPkgs, Protected},
		{"app/pkgs/Wadl/MSNWeather.xml", KindPkgs, Protected},
		// legacy layout (README of pac: \src, \other\entropy.json, \checksum.json)
		{"src/Screen1.fx.yaml", KindFxYaml, LineMerge},
		{"MyApp/src/EditorState/Screen1.editorstate.json", KindEditorState, NeverBlock},
		{"MyApp/other/entropy.json", KindEntropy, NeverBlock},
		{"MyApp/checksum.json", KindChecksum, TakeTheirs},
		{"checksum.json", KindChecksum, TakeTheirs},
		{"CanvasManifest.json", KindManifest, Protected},
		// protected folders win over the file type
		{"app/pkgs/Components/Lib.fx.yaml", KindPkgs, Protected},
		{"app/pkgs/checksum.json", KindPkgs, Protected},
		// casing as Windows users may have it
		{"App/SRC/screen1.FX.YAML", KindFxYaml, LineMerge},
		{"app/entropy/ENTROPY.json", KindEntropy, NeverBlock},
		{"app/connections/Connections.json", KindConnections, Protected},
		// backslashes and ./ prefixes
		{`app\Src\EditorState\App.editorstate.json`, KindEditorState, NeverBlock},
		{"./app/Entropy/checksum.json", KindChecksum, TakeTheirs},
		// everything else is git's line merge
		{"app/ControlTemplates.json", KindOther, LineMerge},
		{"app/Src/Components/Card.json", KindOther, LineMerge},
		{"app/Other/References/QualifiedValues.json", KindOther, LineMerge},
		{"README.md", KindOther, LineMerge},
		{"app/Entropy.json", KindOther, LineMerge}, // not in Entropy/ or other/
		{"docs/DataSources.md", KindOther, LineMerge},
	}
	for _, c := range cases {
		r := RuleFor(c.path)
		if r.Kind != c.kind || r.Strategy != c.strategy {
			t.Errorf("RuleFor(%q) = %s/%s, want %s/%s", c.path, r.Kind, r.Strategy, c.kind, c.strategy)
		}
	}
}

// Every refusing row must tell the user why and what to do.
func TestProtectedRulesExplainThemselves(t *testing.T) {
	for _, r := range AllRules() {
		if r.Strategy == Protected && (r.Why == "" || r.Hint == "") {
			t.Errorf("protected rule %s lacks a reason or a hint", r.Kind)
		}
		if (r.Strategy == NeverBlock || r.Strategy == TakeTheirs) && r.Why == "" {
			t.Errorf("rule %s drops content without saying why", r.Kind)
		}
	}
}

// A row's JSON policy must mean the same as its strategy: protected rows refuse
// overlaps, never-block rows keep ours, merge rows report conflicts.
func TestJSONPolicyMatchesStrategy(t *testing.T) {
	for _, r := range AllRules() {
		if r.JSON == nil {
			continue
		}
		want := map[Strategy]jsonmerge.Mode{Protected: jsonmerge.ModeRefuse, NeverBlock: jsonmerge.ModeKeepOurs, LineMerge: jsonmerge.ModeConflict}[r.Strategy]
		if r.JSON.Mode != want {
			t.Errorf("rule %s (%s): JSON policy mode %v, want %v", r.Kind, r.Strategy, r.JSON.Mode, want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for p, want := range map[string]Format{
		"app/Src/A.fx.yaml": FormatFxYaml, "app/pkgs/Components/L.FX.YAML": FormatFxYaml,
		"app/CanvasManifest.json": FormatJSON, "app/Entropy/AppCheckerResult.sarif": FormatJSON,
		"app/pkgs/Wadl/X.xml": FormatText, "README.md": FormatText,
		"app/Src/Screen1.pa.yaml": FormatPaYaml,
	} {
		if got := FormatOf(p); got != want {
			t.Errorf("FormatOf(%q) = %v, want %v", p, got, want)
		}
	}
}
