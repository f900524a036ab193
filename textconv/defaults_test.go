package textconv

import "testing"

// TestStringWithoutDefault: a String property whose XML states no defaultValue has
// the empty formula as its default, not "" (pac quotes only a stated value), so a
// text input's HintText: ="" is not a default and stays; a stated defaultValue=""
// is quoted and strips HintText: ="" (the text template of the pnp samples states
// none, and pac keeps HintText: ="" there).
func TestStringWithoutDefault(t *testing.T) {
	for _, c := range []struct{ attr, want string }{
		{``, ``},
		{` defaultValue=""`, `""`},
		{` defaultValue="Type here"`, `"Type here"`},
		{` phoneDefaultValue="Phone"`, `"Phone"`},
	} {
		d := newDefaultSet("Phone")
		d.addTemplateXML(`<widget xmlns="http://openajax.org/metadata" name="text"><properties>` +
			`<property name="HintText" localizedName="##text_HintText##" datatype="String"` + c.attr + ` /></properties></widget>`)
		if got, ok := d.lookup("text", "", "", "HintText"); !ok || got != c.want {
			t.Errorf("HintText%s: default %q, %v; want %q", c.attr, got, ok, c.want)
		}
	}
}
