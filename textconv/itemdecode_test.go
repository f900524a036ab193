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
