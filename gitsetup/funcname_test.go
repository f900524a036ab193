package gitsetup

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var headerLines = []struct{ line, header string }{
	{"Screen1 As screen:", "Screen1 As screen:"},
	{"    Button1 As button:", "Button1 As button:"},
	{"\t\tButton1 As button:", "Button1 As button:"},
	{`"My Screen" As screen:`, `"My Screen" As screen:`},
	{`'Label 1' As label.textualLabel:`, `'Label 1' As label.textualLabel:`},
	{"Component1 As CanvasComponent:", "Component1 As CanvasComponent:"},
	{`        "'Sales per month text 2' As label":`, `"'Sales per month text 2' As label":`},
	{`    "Gallery1 As gallery.'BrowseLayout_Vertical_TwoTextOneImageVariant_ver5.0'":`, `"Gallery1 As gallery.'BrowseLayout_Vertical_TwoTextOneImageVariant_ver5.0'":`},
	{`"'a050de8b-caa1-4092-9de2-8bad55f6aa8a' As TestSuite":`, `"'a050de8b-caa1-4092-9de2-8bad55f6aa8a' As TestSuite":`},
	{`"'es''caped f''oo' As 'Escaped'.foo":`, `"'es''caped f''oo' As 'Escaped'.foo":`},
	{"    Host As hostControl.DefaultHostControlVariant:", "Host As hostControl.DefaultHostControlVariant:"},
	{`    "Inst1 As 'My Comp'":`, `"Inst1 As 'My Comp'":`},
	{"App As appinfo:  ", "App As appinfo:"},
	{"    Étiquette1 As label:", "Étiquette1 As label:"},
}

var notHeaderLines = []string{
	"",
	"    X: =40",
	"    Text: =\"Start As screen:\"",
	"    Text: |-",
	"        =ForAll(Items As item:",
	"            =Set(x As y:",
	"    ValidateDates(StartDate As DateTime, EndDate As DateTime):",
	"        StartDate:",
	"            Default: =Now()",
	"Screen1 As screen: =1",
	"Screen1 as screen:",
	"Screen1 As screen",
	"# Button1 As button: comment-ish text with spaces",
}

func TestFxYamlFuncnamePOSIX(t *testing.T) {
	checkFuncnamePOSIX(t, FxYamlFuncname, headerLines, notHeaderLines)
}

// checkFuncnamePOSIX checks an xfuncname regex as git reads it (a POSIX ERE without
// backslashes): each header line is matched with its expected capture, and no line of
// notHeaders matches.
func checkFuncnamePOSIX(t *testing.T, regex string, headers []struct{ line, header string }, notHeaders []string) {
	t.Helper()
	re, err := regexp.CompilePOSIX(regex)
	if err != nil {
		t.Fatalf("not a POSIX ERE: %v", err)
	}
	if strings.Contains(regex, `\`) {
		t.Errorf("the regex uses a backslash; POSIX bracket expressions and git's regex libraries disagree on those")
	}
	for _, h := range headers {
		m := re.FindStringSubmatch(h.line)
		if m == nil {
			t.Errorf("%q: no match", h.line)
			continue
		}
		if m[1] != h.header {
			t.Errorf("%q: captured %q, want %q", h.line, m[1], h.header)
		}
	}
	for _, l := range notHeaders {
		if re.MatchString(l) {
			t.Errorf("%q matched, but it is not a header line", l)
		}
	}
}

// TestFxYamlFuncnameGit checks the regex through git's own regex engine: every
// header line, placed above a changed line, must become the hunk header.
func TestFxYamlFuncnameGit(t *testing.T) {
	g := newTestRepo(t, false)
	if err := os.WriteFile(filepath.Join(g.Dir, ".gitattributes"), []byte("*.fx.yaml diff=fxyaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := g.ConfigSet(ScopeLocal, "diff.fxyaml.xfuncname", FxYamlFuncname); err != nil {
		t.Fatal(err)
	}
	// One file per case: header, five property lines, a change in the last one.
	filler := "    A: =1\n    B: =2\n    C: =3\n    D: =4\n    E: =5\n"
	for i, h := range headerLines {
		name := filepath.Join(g.Dir, "f"+strings.Repeat("x", i)+".fx.yaml")
		if err := os.WriteFile(name, []byte(h.line+"\n"+filler+"    Z: =old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := g.Run("add", "."); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("commit", "-q", "-m", "base"); err != nil {
		t.Fatal(err)
	}
	for i, h := range headerLines {
		name := filepath.Join(g.Dir, "f"+strings.Repeat("x", i)+".fx.yaml")
		if err := os.WriteFile(name, []byte(h.line+"\n"+filler+"    Z: =new\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := g.Run("diff", "-U1", "--", filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, " @@ "+h.header+"\n") {
			t.Errorf("%q: hunk header not %q in\n%s", h.line, h.header, out)
		}
	}
	// A property line does not become a header: the header stays the control's.
	name := filepath.Join(g.Dir, "props.fx.yaml")
	body := "    Button1 As button:\n" + "        Text: =\"Go As screen:\"\n" + filler + "        Z: =old\n"
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	g.Run("add", ".")
	g.Run("commit", "-q", "-m", "props")
	os.WriteFile(name, []byte(strings.Replace(body, "=old", "=new", 1)), 0o644)
	out, _ := g.Run("diff", "-U1", "--", "props.fx.yaml")
	if !strings.Contains(out, " @@ Button1 As button:\n") {
		t.Errorf("hunk header is not the control's:\n%s", out)
	}
}
