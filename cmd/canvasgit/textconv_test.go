package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/canvasgit/canvasgit/textconv"
	"github.com/rogpeppe/go-internal/txtar"
)

// scriptMsapp builds the small msapp the textconv_diff script commits: stored (not
// compressed) entries with backslash names, a fixed time, and a zip comment of "\n" so
// the bytes survive being a txtar file (which always ends in a newline).
func scriptMsapp(t *testing.T, text string) []byte {
	t.Helper()
	files := []struct{ name, data string }{
		{"Header.json", `{"DocVersion":"1.290","MSAppStructureVersion":"2.0","MinVersionToLoad":"1.290","LastSavedDateTimeUTC":"06/29/2020 18:36:48"}`},
		{"Properties.json", `{"DocumentAppType":"Phone","Name":"App.msapp"}`},
		{`Controls\1.json`, `{"TopParent":{"Name":"App","ControlUniqueId":"1","Template":{"Name":"appinfo"},"Rules":[{"Property":"OnStart","InvariantScript":"Set(greeting, 1)"}],"Children":[]}}`},
		{`Controls\2.json`, `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":0.0,"Template":{"Name":"screen"},"Rules":[],"Children":[` +
			`{"Name":"Label1","ControlUniqueId":"3","Template":{"Name":"label"},"Rules":[` +
			`{"Property":"Color","InvariantScript":"RGBA(0, 0, 0, 1)"},{"Property":"Height","InvariantScript":"70"},` +
			`{"Property":"Size","InvariantScript":"21"},{"Property":"Text","InvariantScript":` + text + `},` +
			`{"Property":"Width","InvariantScript":"560"},{"Property":"X","InvariantScript":"40"},` +
			`{"Property":"Y","InvariantScript":"40"},{"Property":"ZIndex","InvariantScript":"1"}],"Children":[]}]}}`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Store,
			Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.data))
	}
	if err := zw.SetComment("\n"); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTextconvScriptFixture checks that the msapp files inside
// testdata/script/textconv_diff.txtar are the ones scriptMsapp builds (set
// CANVASGIT_UPDATE_TEXTCONV=1 to rewrite them).
func TestTextconvScriptFixture(t *testing.T) {
	const file = "testdata/script/textconv_diff.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{
		"v1.msapp": scriptMsapp(t, `"\"Hello\""`),
		"v2.msapp": scriptMsapp(t, `"\"Hello, world\""`),
	}
	if os.Getenv("CANVASGIT_UPDATE_TEXTCONV") == "1" {
		for i, f := range ar.Files {
			if w, ok := want[f.Name]; ok {
				ar.Files[i].Data = w
			}
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		if ar, err = txtar.ParseFile(file); err != nil {
			t.Fatal(err)
		}
	}
	found := 0
	for _, f := range ar.Files {
		if w, ok := want[f.Name]; ok {
			found++
			if !bytes.Equal(f.Data, w) {
				t.Errorf("%s in %s is not what scriptMsapp builds; rerun with CANVASGIT_UPDATE_TEXTCONV=1", f.Name, file)
			}
		}
	}
	if found != len(want) {
		t.Errorf("%s holds %d of the %d msapp files", file, found, len(want))
	}
}

func runTC(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"textconv"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestTextconvUnusableExitsZero(t *testing.T) {
	dir := t.TempDir()
	inputs := map[string][]byte{
		"empty.msapp":     nil,
		"text.msapp":      []byte("not a zip\n"),
		"lfs.msapp":       []byte("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 3\n"),
		"truncated.msapp": scriptMsapp(t, `"1"`)[:300],
	}
	for name, data := range inputs {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runTC(t, "--format-version="+strconv.Itoa(textconv.FormatVersion), p)
		if code != exitOK || !strings.HasPrefix(out, "canvasgit textconv: not shown as source: ") || !strings.Contains(out, "sha256:") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, errs)
		}
	}
	if code, out, _ := runTC(t, filepath.Join(dir, "lfs.msapp")); !strings.Contains(out, "Git LFS pointer") || code != 0 {
		t.Errorf("LFS pointer: exit %d, %q", code, out)
	}
}

// TestTextconvHostileFixtures runs the binary's textconv on every hostile archive in
// textconv/testdata/hostile: git must never see a failing exit.
func TestTextconvHostileFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "textconv", "testdata", "hostile", "*.msapp"))
	if len(files) < 10 {
		t.Fatalf("found %d hostile fixtures", len(files))
	}
	for _, f := range files {
		code, out, errs := runTC(t, "--format-version="+strconv.Itoa(textconv.FormatVersion), f)
		if code != exitOK || !(strings.HasPrefix(out, "=== CanvasManifest.json ===\n") || strings.HasPrefix(out, "canvasgit textconv: not shown as source: ")) {
			t.Errorf("%s: exit %d, stderr %q, stdout %.200q", filepath.Base(f), code, errs, out)
		}
	}
}

func TestTextconvRenders(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.msapp")
	if err := os.WriteFile(p, scriptMsapp(t, `"\"Hi\""`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runTC(t, "--format-version="+strconv.Itoa(textconv.FormatVersion), p)
	if code != 0 || !strings.Contains(out, "=== Src/Screen1.fx.yaml ===\nScreen1 As screen:\n\n    Label1 As label:\n") ||
		!strings.Contains(out, "        Text: =\"Hi\"\n") || strings.Contains(out, "\r") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
	if code, all, _ := runTC(t, "--all", p); code != 0 || !strings.Contains(all, "LastSavedDateTimeUTC") {
		t.Errorf("--all: exit %d", code)
	}
}

func TestTextconvUsage(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.msapp")
	os.WriteFile(p, scriptMsapp(t, `"1"`), 0o644)
	for _, args := range [][]string{
		{},
		{"--format-version=x", p},
		{"--format-version=0", p},
		{"--nope", p},
		{p, p},
	} {
		if code, _, _ := runTC(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, errs := runTC(t, filepath.Join(t.TempDir(), "missing.msapp")); code != exitConflict || errs == "" {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}

// TestTextconvOtherFormatVersion: after an upgrade the config still asks for the old
// format; the diff must keep working, with a hint on stderr.
func TestTextconvOtherFormatVersion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.msapp")
	os.WriteFile(p, scriptMsapp(t, `"1"`), 0o644)
	code, out, errs := runTC(t, "--format-version="+strconv.Itoa(textconv.FormatVersion+1), p)
	if code != exitOK || !strings.HasPrefix(out, "=== CanvasManifest.json ===") || !strings.Contains(errs, "run `canvasgit install` again") {
		t.Errorf("exit %d, stderr %q, stdout %.80q", code, errs, out)
	}
	code, _, errs = runTC(t, "--format-version="+strconv.Itoa(textconv.FormatVersion), p)
	if code != exitOK || errs != "" {
		t.Errorf("current version: exit %d, stderr %q", code, errs)
	}
}

// TestTextconvXFuncname keeps the script's pattern and the exported one in step.
func TestTextconvXFuncname(t *testing.T) {
	data, err := os.ReadFile("testdata/script/textconv_diff.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "diff.msapp.xfuncname '"+textconv.XFuncname+"'") {
		t.Errorf("textconv_diff.txtar does not use textconv.XFuncname %q", textconv.XFuncname)
	}
	if strings.Contains(textconv.XFuncname, `\`) {
		t.Error("XFuncname must not use backslash escapes")
	}
}
