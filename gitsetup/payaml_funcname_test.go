package gitsetup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var paHeaderLines = []struct{ line, header string }{
	{"      - Button1:", "Button1"},
	{"  - Label1:", "Label1"},
	{"            - 'Label 1':", "'Label 1'"},
	{`      - "Account Name1_1":`, `"Account Name1_1"`},
	{"      - Account Name1_1:", "Account Name1_1"},
	{"\t- Étiquette1:  ", "Étiquette1"},
	{"      - 3P-local-Slider1:", "3P-local-Slider1"},
}

var paNotHeaderLines = []string{
	"",
	"Screens:",
	"  Screen1:",
	"    Properties:",
	"    Children:",
	"          Control: Label@2.5.1",
	"            X: =40",
	"            Text: |-",
	"            OnSelect: =Navigate(Screen2)",
	"    - Screen1",
	"# - Button1:",
	"      - Button1: =1",
}

func TestPaYamlFuncnamePOSIX(t *testing.T) {
	checkFuncnamePOSIX(t, PaYamlFuncname, paHeaderLines, paNotHeaderLines)
}

// TestPaYamlFuncnameGit checks the regex through git's own regex engine: a change in
// a control's properties gets the control's name as its hunk header.
func TestPaYamlFuncnameGit(t *testing.T) {
	g := newTestRepo(t, false)
	if err := os.WriteFile(filepath.Join(g.Dir, ".gitattributes"), []byte("*.pa.yaml diff=payaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := g.ConfigSet(ScopeLocal, "diff.payaml.xfuncname", PaYamlFuncname); err != nil {
		t.Fatal(err)
	}
	props := "          Properties:\n            A: =1\n            B: =2\n            C: =3\n            D: =4\n"
	body := "Screens:\n  Screen1:\n    Children:\n      - 'Label 1':\n          Control: Label@2.5.1\n" + props + "            Z: =old\n"
	name := filepath.Join(g.Dir, "Screen1.pa.yaml")
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("add", "."); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("commit", "-q", "-m", "base"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(body, "=old", "=new", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := g.Run("diff", "-U1", "--", "Screen1.pa.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, " @@ 'Label 1'\n") {
		t.Errorf("hunk header is not the control's name:\n%s", out)
	}
}
