package textconv

import (
	"strings"
	"testing"
)

func TestPkgsTemplates(t *testing.T) {
	files := append(goodFiles(`"\"hi\""`), zfile{`References\Templates.json`, `{
		"UsedTemplates":[
			{"Name":"label","Version":"2.3.0","Template":"<widget xmlns=\"http://x\" id=\"a\"><a/><b></b><c>t<d/></c></widget>"},
			{"Name":"broken","Version":"1.0","Template":"<widget><unclosed></widget>"},
			"not an object"],
		"PcfTemplates":[{"Name":"Lbl","Version":"1.6.0","PcfConversions":[{"From":"1.0","To":"1.1","Action":[]}]}]}`})
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	secs := splitSections(out)
	want := "<widget xmlns=\"http://x\" id=\"a\">\n  <a />\n  <b></b>\n  <c>t<d /></c>\n</widget>\n"
	if got := secs["pkgs/label_2.3.0.xml"]; got != want {
		t.Errorf("pkgs/label_2.3.0.xml:\n%q\nwant\n%q", got, want)
	}
	// Not XML: shown as stored rather than dropped.
	if got := secs["pkgs/broken_1.0.xml"]; got != "<widget><unclosed></widget>\n" {
		t.Errorf("pkgs/broken_1.0.xml: %q", got)
	}
	if _, ok := secs["pkgs/_.xml"]; ok {
		t.Error("a UsedTemplates entry that is not an object made a section")
	}
	pcf := secs["pkgs/PcfConversions/Lbl.json"]
	if !strings.Contains(pcf, "\"Name\": \"Lbl\"") || !strings.Contains(pcf, "\"From\": \"1.0\"") {
		t.Errorf("pkgs/PcfConversions/Lbl.json:\n%s", pcf)
	}
}
