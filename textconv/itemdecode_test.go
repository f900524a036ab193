package textconv

import (
	"strings"
	"testing"
)

func TestDecodeControlFileFields(t *testing.T) {
	it, err := decodeControlFile([]byte(`{"topparent":{"name":"Screen1","NAME":"Screen2","ControlUniqueId":7,"Index":1.5,
		"Template":{"Name":"screen","ComponentType":null,"CustomProperties":[{"Name":"F","PropertyScopeKey":{"PropertyScopeRulesKey":[
			{"Name":"F_a","ScopeVariableInfo":{"ScopeVariableName":"a","DefaultRule":"1","ScopePropertyDataType":6}}]}}]},
		"Rules":[{"Property":"Fill","InvariantScript":"Red"},{"Property":"X","InvariantScript":null}],
		"DynamicProperties":[{"PropertyName":"FillPortions","Rule":{"Property":"FillPortions","InvariantScript":"1"}},{"PropertyName":"Y","Rule":null}],
		"GroupedControlsKey":["a","b"],"IsGroupControl":true,"Children":[{"Name":"Label1","Template":{"Name":"label"}}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if it.Name != "Screen2" || it.uniqueID() != "7" || it.index() != 1.5 || it.Template.Name != "screen" || !it.IsGroupControl {
		t.Errorf("top fields: %+v", it)
	}
	if len(it.Rules) != 2 || *it.Rules[0].InvariantScript != "Red" || it.Rules[1].InvariantScript != nil {
		t.Errorf("rules: %+v", it.Rules)
	}
	if len(it.DynamicProperties) != 2 || it.DynamicProperties[0].Rule == nil || it.DynamicProperties[1].Rule != nil {
		t.Errorf("dynamic properties: %+v", it.DynamicProperties)
	}
	sr := it.Template.CustomProperties[0].PropertyScopeKey.PropertyScopeRulesKey[0]
	if sr.ScopeVariableInfo.ScopeVariableName != "a" || *sr.ScopeVariableInfo.DefaultRule != "1" || string(sr.ScopeVariableInfo.ScopePropertyDataType) != "6" {
		t.Errorf("scope rule: %+v", sr)
	}
	if len(it.Children) != 1 || it.Children[0].Name != "Label1" || strings.Join(it.GroupedControlsKey, ",") != "a,b" {
		t.Errorf("children / grouped keys: %+v", it)
	}
	for _, bad := range []string{
		`[]`, `{"TopParent":null}`, `{"TopParent":{"Name":1}}`, `{"TopParent":{"Name":"A","Rules":{}}}`,
		`{"TopParent":{"Name":"A","Children":[null]}}`, `{"TopParent":{"Name":"A","Template":"x"}}`,
		`{"TopParent":{"Name":"A","Rules":[{"InvariantScript":true}]}}`, `{"TopParent":{"Name":""}}`,
	} {
		if _, err := decodeControlFile([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestScanControlHeaderAgrees: the header scan that orders the screens finds the
// same Name, Index, ControlUniqueId and template as the full decoding, on every
// control file of the corpus and on hand-made edge cases.
func TestScanControlHeaderAgrees(t *testing.T) {
	check := func(what string, data []byte) {
		t.Helper()
		full, _, ferr := decodeControlTop(data)
		head, herr := scanControlHeader(data)
		if ferr != nil {
			return // the full decoding reports it; the scan may accept more
		}
		if herr != nil {
			t.Errorf("%s: scan fails where decoding does not: %v", what, herr)
			return
		}
		if head.Name != full.Name || head.index() != full.index() || head.uniqueID() != full.uniqueID() ||
			head.Template.Name != full.Template.Name || len(head.Children) != 0 || len(head.Rules) != 0 {
			t.Errorf("%s: scan %q %v %q %q, decoding %q %v %q %q", what, head.Name, head.index(), head.uniqueID(),
				head.Template.Name, full.Name, full.index(), full.uniqueID(), full.Template.Name)
		}
	}
	for _, c := range []string{
		`{"TopParent":{"Children":[{"Name":"x","Children":[[],{}]}],"name":"S","INDEX":2.5,"Template":{"Name":"screen"},"Name":"T"}}`,
		`{"TopParent":{"Rules":[{"InvariantScript":"\"a\\\"}]\""}],"Name":"S","ControlUniqueId":7}}`,
		"\ufeff" + `{"TopParent":{"Name":"S","Index":null,"Template":null}}`,
	} {
		check(c, []byte(c))
	}
	for _, bad := range []string{
		`{"TopParent":{"Children":[1,],"Name":"S"}}`,
		`{"TopParent":{"Children":[{"a" 1}],"Name":"S"}}`,
		`{"TopParent":{"Children":"unterminated,"Name":"S"}}`,
		`{"TopParent":{"Children":[` + strings.Repeat("[", 600) + `],"Name":"S"}}`,
	} {
		if _, err := scanControlHeader([]byte(bad)); err == nil {
			t.Errorf("scan accepted %.60s", bad)
		}
	}
	n := 0
	for _, a := range corpusArchives(t) {
		for _, e := range a.Under("Controls") {
			data, err := a.Read(e)
			if err != nil {
				break
			}
			check(a.name+" "+e.Name, data)
			n++
		}
		a.Close()
	}
	t.Logf("%d corpus control files", n)
}

// decodeControlFile decodes (for tests) a Controls/Components/AppTests file: {"TopParent": {...}}.
func decodeControlFile(data []byte) (*item, error) {
	it, _, err := decodeControlTop(data)
	return it, err
}
