package textconv

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func TestCommonDefault(t *testing.T) {
	for _, c := range []struct {
		prop  string
		phone bool
		want  string
		ok    bool
	}{
		{"DisplayMode", false, "DisplayMode.Edit", true},
		{"Role", false, "TextRole.Default", true},
		{"Font", false, "Font.'Open Sans'", true},
		{"Text", false, `""`, true},
		{"Image", false, "SampleImage", true},
		{"NumberOfColumns", false, "3", true},
		{"NumberOfColumns", true, "1", true},
		{"X", true, "0", true},
		{"LayoutX", false, "", true},
		{"ActualWidth", false, "", true},
		{"Items", false, "", false},
		{"displaymode", false, "", false},
	} {
		got, ok := commonDefault(c.prop, c.phone)
		if got != c.want || ok != c.ok {
			t.Errorf("commonDefault(%q, phone=%v) = %q, %v; want %q, %v", c.prop, c.phone, got, ok, c.want, c.ok)
		}
	}
	if len(commonProperties) != 93 || len(commonDefaults.Get()) != 93 {
		t.Errorf("table has %d entries (%d distinct), want 93", len(commonProperties), len(commonDefaults.Get()))
	}
}

const testWidget = `<widget xmlns="http://openajax.org/metadata" name="%s" xmlns:appMagic="http://schemas.microsoft.com/appMagic">
  <properties>
    <property name="Max" datatype="Number" defaultValue="5" />
    <property name="Caption" datatype="String" defaultValue="hi" />
  </properties>
  <appMagic:includeProperties>
    <appMagic:includeProperty name="Max" />
    <appMagic:includeProperty name="X" />
    <appMagic:includeProperty name="Role" />
    <appMagic:includeProperty name="Tooltip" />
    <appMagic:includeProperty name="Height" defaultValue="40" phoneDefaultValue="77" />
    <appMagic:includeProperty name="DisplayMode" direction="out" />
    <appMagic:includeProperty name="NumberOfColumns" />
    <appMagic:includeProperty name="Unknown" />
  </appMagic:includeProperties>
</widget>`

func TestTemplateIncludeDefaults(t *testing.T) {
	d := newDefaultSet("Phone")
	d.addTemplateXML(strings.Replace(testWidget, "%s", "rating", 1))
	want := map[string]string{
		"Max": "5", "Caption": `"hi"`, "X": "0", "Role": "TextRole.Default", "Tooltip": `""`,
		"Height": "40", "NumberOfColumns": "1", "Unknown": "",
	}
	for p, w := range want {
		if got, ok := d.lookup("rating", "", "", p); !ok || got != w {
			t.Errorf("%s: got %q, %v; want %q", p, got, ok, w)
		}
	}
	if _, ok := d.lookup("rating", "", "", "DisplayMode"); ok {
		t.Errorf("DisplayMode: an out-direction include must not define a default")
	}
}

func TestTemplateKeyedByWidgetName(t *testing.T) {
	d := newDefaultSet("DesktopOrTablet")
	d.addTemplateXML(strings.Replace(testWidget, "%s", "Rating", 1))
	if _, ok := d.lookup("rating", "", "", "X"); ok {
		t.Errorf("template named Rating must not supply defaults to rating controls")
	}
	if v, ok := d.lookup("Rating", "", "", "X"); !ok || v != "0" {
		t.Errorf("Rating X: got %q, %v", v, ok)
	}
}

// TestCommonTableMatchesSource compares the Go table with the XML it was written from,
// when the shared corpus is present.
func TestCommonTableMatchesSource(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpus.Dir(t, ""), "pasopa-data", "commonStyleProperties.xml"))
	if err != nil {
		t.Skip(err)
	}
	var doc struct {
		Props []struct {
			Name     string     `xml:"name,attr"`
			Datatype string     `xml:"datatype,attr"`
			IsExpr   string     `xml:"isExpr,attr"`
			Format   string     `xml:"format,attr"`
			Attrs    []xml.Attr `xml:",any,attr"`
		} `xml:"property"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Props) != len(commonProperties) {
		t.Errorf("XML has %d properties, table %d", len(doc.Props), len(commonProperties))
	}
	conv := func(v, dt, isExpr, format string) string {
		v = unreserve(v)
		if dt == "String" && isExpr != "true" && format != "uri" && !isLocKey(v) {
			v = `"` + v + `"`
		}
		return v
	}
	for i, p := range doc.Props {
		var def, phone string
		hasPhone := false
		for _, a := range p.Attrs {
			switch a.Name.Local {
			case "defaultValue":
				def = conv(a.Value, p.Datatype, p.IsExpr, p.Format)
			case "phoneDefaultValue":
				phone, hasPhone = conv(a.Value, p.Datatype, p.IsExpr, p.Format), true
			case "webDefaultValue":
				t.Errorf("%s: webDefaultValue not expected", p.Name)
			}
		}
		if i < len(commonProperties) && commonProperties[i].name != p.Name {
			t.Errorf("entry %d: table %q, XML %q", i, commonProperties[i].name, p.Name)
		}
		if got, _ := commonDefault(p.Name, false); got != def {
			t.Errorf("%s: table %q, XML %q", p.Name, got, def)
		}
		if hasPhone {
			if got, _ := commonDefault(p.Name, true); got != phone {
				t.Errorf("%s phone: table %q, XML %q", p.Name, got, phone)
			}
		}
	}
}
