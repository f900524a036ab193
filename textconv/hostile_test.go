package textconv

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile from hostileFixtures")

// hostileFixtures builds the files in testdata/hostile. They are committed so that
// other tools (and the CLI tests) can use them; TestHostileFixturesUpToDate checks the
// committed bytes against this code.
func hostileFixtures(t testing.TB) map[string][]byte {
	good := goodFiles(`"\"Hello\""`)
	with := func(extra ...zfile) []byte { return fixedZip(t, append(append([]zfile{}, good...), extra...)) }
	ok := fixedZip(t, good)
	bomb := fixedZip(t, append(append([]zfile{}, good...), zfile{"Assets/bomb.bin", strings.Repeat("\x00", 70<<20)}))
	return map[string][]byte{
		"small-app.msapp":       ok,
		"empty.msapp":           {},
		"not-a-zip.msapp":       []byte("This is not an archive.\n"),
		"truncated.msapp":       ok[:len(ok)*2/3],
		"lfs-pointer.msapp":     []byte("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"),
		"v1-format.msapp":       fixedZip(t, []zfile{{"Entities.json", "{}"}, {"Properties.json", "{}"}}),
		"traversal.msapp":       with(zfile{`..\..\evil.json`, "{}"}),
		"absolute-path.msapp":   with(zfile{`/etc/passwd`, "root"}),
		"drive-path.msapp":      with(zfile{`C:\Windows\evil.dll`, "x"}),
		"control-char.msapp":    with(zfile{"Assets/a\x1b[2Jb.png", "x"}),
		"bomb.msapp":            bomb,
		"bomb-lying-size.msapp": lieAboutSize(t, bomb, "Assets/bomb.bin"),
		"duplicate-entry.msapp": with(zfile{`Controls\2.json`, testScreen(`"\"Second copy\""`)}),
	}
}

// fixedZip is makeZip with a fixed modification time, so the bytes are stable.
func fixedZip(t testing.TB, files []zfile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lieAboutSize sets the uncompressed size the central directory claims for name to
// 10 bytes, so only the limit enforced while decompressing can stop it.
func lieAboutSize(t testing.TB, data []byte, name string) []byte {
	out := bytes.Clone(data)
	i := bytes.LastIndex(out, append([]byte("PK\x01\x02"), []byte{}...))
	for i >= 0 {
		nameLen := int(out[i+28]) | int(out[i+29])<<8
		if string(out[i+46:i+46+nameLen]) == name {
			copy(out[i+24:i+28], []byte{10, 0, 0, 0})
			return out
		}
		i = bytes.LastIndex(out[:i], []byte("PK\x01\x02"))
	}
	t.Fatalf("no central directory record for %s", name)
	return nil
}

// hostileOutcomes: the reason an unusable file is refused (a phrase of it), or ""
// when the file renders.
var hostileOutcomes = map[string]string{
	"small-app.msapp":       "",
	"empty.msapp":           "empty",
	"not-a-zip.msapp":       "not a zip",
	"truncated.msapp":       "not a zip",
	"lfs-pointer.msapp":     "Git LFS pointer",
	"v1-format.msapp":       "v1 format",
	"traversal.msapp":       "escapes",
	"absolute-path.msapp":   "absolute",
	"drive-path.msapp":      "absolute",
	"control-char.msapp":    "control character",
	"bomb.msapp":            "more than the limit",
	"bomb-lying-size.msapp": "zip bomb",
	"duplicate-entry.msapp": "",
}

func TestHostileFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "hostile")
	want := hostileFixtures(t)
	if *updateHostile {
		os.MkdirAll(dir, 0o755)
		for name, data := range want {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, phrase := range hostileOutcomes {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatalf("%v (run go test ./textconv -run TestHostileFixtures -update-hostile)", err)
			}
			if !bytes.Equal(data, want[name]) {
				t.Fatalf("%s differs from what hostileFixtures builds; run with -update-hostile", p)
			}
			var out bytes.Buffer
			a, err := Open(p, DefaultLimits)
			if err == nil {
				err = Render(&out, a, Options{})
				a.Close()
			}
			switch {
			case phrase == "" && err != nil:
				t.Fatalf("want a rendering, got %v", err)
			case phrase != "" && !IsUnusable(err):
				t.Fatalf("want an unusable-file error containing %q, got %v", phrase, err)
			case phrase != "" && !strings.Contains(err.Error(), phrase):
				t.Fatalf("reason %q does not contain %q", err, phrase)
			}
			if name == "duplicate-entry.msapp" {
				if !strings.Contains(out.String(), `=== Archive warnings ===`) || !strings.Contains(out.String(), `Controls\2.json`) ||
					strings.Contains(out.String(), "Second copy") || !strings.Contains(out.String(), `Text: ="Hello"`) {
					t.Errorf("duplicate entry: want the first copy and a warning, got:\n%s", out.String())
				}
			}
		})
	}
	if len(hostileOutcomes) != len(want) {
		t.Errorf("hostileOutcomes has %d entries, hostileFixtures %d", len(hostileOutcomes), len(want))
	}
}
