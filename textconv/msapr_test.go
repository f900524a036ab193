package textconv

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// msaprOf builds what pac's SourceCode unpack writes for an msapp: its entries other
// than Src/*.pa.yaml under msapp\, and msapr-header.json.
func msaprOf(t *testing.T, msapp string) []byte {
	t.Helper()
	r, err := zip.OpenReader(msapp)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	hw, _ := w.Create(MsaprHeaderName)
	hw.Write([]byte(`{"MsaprStructureVersion":"0.1","UnpackedConfiguration":{"ContentTypes":["PaYamlSourceCode"]}}`))
	for _, f := range r.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.HasPrefix(n, "Src/") && strings.HasSuffix(n, ".pa.yaml") {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		fw, _ := w.Create(`msapp\` + f.Name)
		fw.Write(data)
	}
	w.Close()
	return buf.Bytes()
}

// A .msapr shows as its header and the app its entries make: the same text as the
// msapp it came from, after the header section.
func TestMsaprRendersAsItsApp(t *testing.T) {
	msapp := filepath.Join(corpus.Dir(t, "msapp"), "AlmTestApp-asManyEntitiesAsPossible.msapp")
	a, header, err := NewMsapr(msaprOf(t, msapp), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := RenderMsapr(&got, a, header, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.String(), SectionPrefix+MsaprHeaderName+SectionSuffix+"\n{\"MsaprStructureVersion\"") {
		t.Errorf("output does not start with the msapr header section:\n%.300s", got.String())
	}
	direct, err := Open(msapp, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	var want bytes.Buffer
	if err := Render(&want, direct, Options{}); err != nil {
		t.Fatal(err)
	}
	// The msapp's own rendering includes what pac keeps on disk (Src/*.pa.yaml is not
	// rendered from the msapp anyway); the screens must come out the same.
	for _, section := range []string{"Src/Screen1.fx.yaml", "Src/App.fx.yaml"} {
		if s := sectionText(got.String(), section); s == "" || s != sectionText(want.String(), section) {
			t.Errorf("section %s differs from the msapp's or is missing", section)
		}
	}
}

func sectionText(s, name string) string {
	head := SectionPrefix + name + SectionSuffix + "\n"
	i := strings.Index(s, head)
	if i < 0 {
		return ""
	}
	rest := s[i+len(head):]
	if j := strings.Index(rest, "\n"+SectionPrefix); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func TestMsaprUnusable(t *testing.T) {
	for name, b := range map[string][]byte{
		"not a zip":   []byte("hello"),
		"lfs pointer": []byte(lfsPrefix + "\noid sha256:00\n"),
		"no app":      zipOf(t, "msapr-header.json", "{}", "other.txt", "x"),
	} {
		_, _, err := NewMsapr(b, DefaultLimits)
		var u *UnusableError
		if !errors.As(err, &u) {
			t.Errorf("%s: err = %v, want an UnusableError", name, err)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "x.msapr")
	os.WriteFile(p, []byte("not a zip"), 0o644)
	if _, _, err := OpenMsapr(p, DefaultLimits); err == nil {
		t.Error("OpenMsapr of a non-zip succeeded")
	}
}

func zipOf(t *testing.T, kv ...string) []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < len(kv); i += 2 {
		f, _ := w.Create(kv[i])
		f.Write([]byte(kv[i+1]))
	}
	w.Close()
	return buf.Bytes()
}
