package textconv

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func TestCanonicalXML(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"declaration dropped, compact input indented",
			`<?xml version="1.0" encoding="utf-8"?><a x="1"><b/><c></c><d> </d></a>`,
			"<a x=\"1\">\n  <b />\n  <c></c>\n  <d></d>\n</a>"},
		{"CRLF input, whitespace-only text dropped",
			"<a>\r\n  <b>\r\n    <c />\r\n  </b>\r\n</a>",
			"<a>\n  <b>\n    <c />\n  </b>\n</a>"},
		{"text keeps the element on one line",
			`<a><t>hello</t></a>`,
			"<a>\n  <t>hello</t>\n</a>"},
		{"mixed content: inline from the first text on, inherited by descendants",
			`<a><b/>text<c><d/></c><e/></a>`,
			"<a>\n  <b />text<c><d /></c><e /></a>"},
		{"mixed content ends with its element",
			`<r><a>x<b/></a><c/></r>`,
			"<r>\n  <a>x<b /></a>\n  <c />\n</r>"},
		{"CDATA counts as text and is kept verbatim",
			"<a><content><![CDATA[\n <x> & y\n]]></content></a>",
			"<a>\n  <content><![CDATA[\n <x> & y\n]]></content>\n</a>"},
		{"comments and PIs on their own lines",
			`<!-- top --><a><!--c--><?pi  data?><b/></a>`,
			"<!-- top -->\n<a>\n  <!--c-->\n  <?pi data?>\n  <b />\n</a>"},
		{"attribute escaping and normalisation",
			"<a v='x\"y' w=\"1 &amp; &lt;2&gt;\" n=\"l1\nl2&#xA;l3\ttab&#x9;\" s='it&apos;s' />",
			`<a v="x&quot;y" w="1 &amp; &lt;2&gt;" n="l1 l2&#xA;l3 tab&#x9;" s="it's" />`},
		{"namespace declarations kept as written",
			`<application xmlns:xml="http://www.w3.org/XML/1998/namespace" xmlns="urn:x" p:y="1" xmlns:p="urn:p"/>`,
			`<application xmlns:xml="http://www.w3.org/XML/1998/namespace" xmlns="urn:x" p:y="1" xmlns:p="urn:p" />`},
		{"text escaping and character references",
			`<a>1 &lt; 2 &amp;&amp; 3 &gt; 2 &#233;&#x4E2D; "q" 'a'</a>`,
			`<a>1 &lt; 2 &amp;&amp; 3 &gt; 2 é中 "q" 'a'</a>`},
		{"BOM and trailing whitespace",
			"\ufeff<a/>\n\n",
			"<a />"},
	} {
		got, err := canonicalXML(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestCanonicalXMLErrors(t *testing.T) {
	for _, in := range []string{
		"", "text only", "<a>", "<a></b>", "</a>", "<a/><b/>", "<a x=1/>", `<a x="1/>`,
		"<a>&unknown;</a>", "<a>&#0;</a>", "<a>&#xFFFFFFFF;</a>", "<!-- open", "<a><![CDATA[x</a>",
		"<a x='1'y='2'/>", "<a x='<'/>", "<?xml version='1.0'", "<a/>tail", "<>", "<a x/>",
		strings.Repeat("<a>", maxXMLDepth+1),
	} {
		if got, err := canonicalXML(in); err == nil {
			t.Errorf("canonicalXML(%.40q) = %.40q, want an error", in, got)
		}
	}
}

// TestCanonicalXMLCorpus checks the writer against XML pac wrote: the template and
// WADL XML stored in the pair apps (which is what pac wrote to pkgs/*.xml and
// pkgs/Wadl/*.xml) must come out unchanged, and every template and WADL of the other
// apps must parse.
func TestCanonicalXMLCorpus(t *testing.T) {
	root := corpus.Dir(t, "")
	pairs, _ := filepath.Glob(filepath.Join(root, "pairs", "*", "app.msapp"))
	others, _ := filepath.Glob(filepath.Join(root, "msapp", "*.msapp"))
	if len(pairs)+len(others) == 0 {
		t.Skip("no apps in the corpus")
	}
	unchanged := 0
	for i, f := range append(pairs, others...) {
		isPair := i < len(pairs)
		for _, x := range storedXML(t, f) {
			got, err := canonicalXML(x)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			if isPair {
				if want := strings.ReplaceAll(x, "\r\n", "\n"); string(got) != want {
					t.Errorf("%s: canonical XML differs from what pac wrote: %s", f, firstDiff(string(got), want))
				} else {
					unchanged++
				}
			}
		}
	}
	if unchanged == 0 && len(pairs) > 0 {
		t.Error("no pair XML checked")
	}
	t.Logf("%d pair XML documents reproduced exactly", unchanged)
}

// storedXML returns the template XML and WADL stored in an msapp.
func storedXML(t *testing.T, file string) []string {
	a, err := Open(file, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var out []string
	if e := a.Lookup("References/Templates.json"); e != nil {
		data, err := a.Read(e)
		if err != nil {
			t.Fatal(err)
		}
		var ts struct{ UsedTemplates []struct{ Template string } }
		json.Unmarshal(trimBOM(data), &ts)
		for _, x := range ts.UsedTemplates {
			out = append(out, x.Template)
		}
	}
	if e := a.Lookup("References/DataSources.json"); e != nil {
		data, err := a.Read(e)
		if err != nil {
			t.Fatal(err)
		}
		var ds struct {
			DataSources []struct{ WadlMetadata *struct{ WadlXml string } }
		}
		json.Unmarshal(trimBOM(data), &ds)
		for _, x := range ds.DataSources {
			if x.WadlMetadata != nil && x.WadlMetadata.WadlXml != "" {
				out = append(out, x.WadlMetadata.WadlXml)
			}
		}
	}
	return out
}

func TestCanonicalXMLGrowthBounded(t *testing.T) {
	deep := strings.Repeat("<a>", maxXMLDepth-1) + strings.Repeat("<b/>", 100000) + strings.Repeat("</a>", maxXMLDepth-1)
	if _, err := canonicalXML(deep); err == nil {
		t.Error("deep compact XML indented without a size limit")
	}
}
