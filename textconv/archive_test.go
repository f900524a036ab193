package textconv

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

type zfile struct {
	name string
	data string
}

func makeZip(t testing.TB, files []zfile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	testHeader = `{"DocVersion":"1.290","MSAppStructureVersion":"2.0","MinVersionToLoad":"1.290","LastSavedDateTimeUTC":"06/29/2020 18:36:48"}`
	testProps  = `{"DocumentAppType":"Phone","Name":"t.msapp","LocalConnectionReferences":"{}","ControlCount":{"label":1}}`
	testApp    = `{"TopParent":{"Name":"App","ControlUniqueId":"1","Template":{"Name":"appinfo"},"Rules":[{"Property":"OnStart","InvariantScript":"Set(x, 1)"}],"Children":[]}}`
)

func testScreen(text string) string {
	return `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":0.0,"Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Label1","ControlUniqueId":"3","Template":{"Name":"label"},"Rules":[{"Property":"Text","InvariantScript":` + text + `},{"Property":"ZIndex","InvariantScript":"1"}],"Children":[]}]}}`
}

func goodFiles(text string) []zfile {
	return []zfile{
		{"Header.json", testHeader},
		{"Properties.json", testProps},
		{`Controls\1.json`, testApp},
		{`Controls\2.json`, testScreen(text)},
	}
}

func render(t testing.TB, data []byte, opts Options) (string, error) {
	t.Helper()
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	err = Render(&out, a, opts)
	return out.String(), err
}

func TestRenderSmallApp(t *testing.T) {
	out, err := render(t, makeZip(t, goodFiles(`"\"Hello\""`)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"=== CanvasManifest.json ===\n{\n  \"FormatVersion\": \"0.24\",\n",
		"=== Src/App.fx.yaml ===\nApp As appinfo:\n    OnStart: =Set(x, 1)\n\n",
		"=== Src/Screen1.fx.yaml ===\nScreen1 As screen:\n\n    Label1 As label:\n        Text: =\"Hello\"\n        ZIndex: =1\n\n",
		"\"ScreenOrder\": [\n    \"Screen1\"\n  ]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "LastSavedDateTimeUTC") || strings.Contains(out, "ControlCount") {
		t.Errorf("volatile fields shown without --all:\n%s", out)
	}
	// --all adds Entropy/Entropy.json, which holds the volatile values; the manifest
	// stays as pac writes it.
	all, err := render(t, makeZip(t, goodFiles(`"1"`)), Options{All: true})
	if err != nil || !strings.Contains(all, "=== Entropy/Entropy.json ===\n") ||
		!strings.Contains(all, `"HeaderLastSavedDateTimeUTC": "06/29/2020 18:36:48"`) {
		t.Errorf("--all lacks Entropy.json with HeaderLastSavedDateTimeUTC (err %v):\n%s", err, all)
	}
	if m := splitSections(all)["CanvasManifest.json"]; strings.Contains(m, "LastSavedDateTimeUTC") || strings.Contains(m, "ControlCount") {
		t.Errorf("--all puts volatile fields into CanvasManifest.json:\n%s", m)
	}
}

func TestUnusableInputs(t *testing.T) {
	good := makeZip(t, goodFiles(`"x"`))
	bomb := makeZip(t, append(goodFiles(`"x"`), zfile{"Assets/big.bin", strings.Repeat("\x00", 3<<20)}))
	cases := map[string][]byte{
		"empty":      nil,
		"not a zip":  []byte("hello, world\n"),
		"truncated":  good[:len(good)/2],
		"lfs":        []byte("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"),
		"dotdot":     makeZip(t, append(goodFiles(`"x"`), zfile{`..\evil.json`, "{}"})),
		"dotdot mid": makeZip(t, append(goodFiles(`"x"`), zfile{`Assets/../../evil`, "x"})),
		"absolute":   makeZip(t, append(goodFiles(`"x"`), zfile{`/etc/passwd`, "x"})),
		"drive":      makeZip(t, append(goodFiles(`"x"`), zfile{`C:\evil`, "x"})),
		"control":    makeZip(t, append(goodFiles(`"x"`), zfile{"Assets/a\x01b.png", "x"})),
		"newline":    makeZip(t, append(goodFiles(`"x"`), zfile{"Assets/a\nb.png", "x"})),
		"no header":  makeZip(t, []zfile{{"readme.txt", "hi"}}),
		"v1":         makeZip(t, []zfile{{"Entities.json", "{}"}}),
	}
	for name, data := range cases {
		_, err := render(t, data, Options{})
		if !IsUnusable(err) {
			t.Errorf("%s: got %v, want an UnusableError", name, err)
		}
	}
	// A small bomb: real entry bigger than the limit, caught from the claimed size.
	lim := Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 8 << 20, MaxEntries: 100}
	if _, err := NewArchive(bytes.NewReader(bomb), int64(len(bomb)), lim); !IsUnusable(err) {
		t.Errorf("bomb: got %v", err)
	}
	// Total limit.
	lim = Limits{MaxEntrySize: 4 << 20, MaxTotalSize: 2 << 20, MaxEntries: 100}
	if _, err := NewArchive(bytes.NewReader(bomb), int64(len(bomb)), lim); !IsUnusable(err) {
		t.Errorf("bomb total: got %v", err)
	}
	// Entry count.
	lim = Limits{MaxEntrySize: 4 << 20, MaxTotalSize: 8 << 20, MaxEntries: 3}
	if _, err := NewArchive(bytes.NewReader(good), int64(len(good)), lim); !IsUnusable(err) {
		t.Errorf("entry count: got %v", err)
	}
}

// TestLyingSizes patches the claimed uncompressed size down, so only the limit
// enforced while reading can stop the bomb.
func TestLyingSizes(t *testing.T) {
	data := makeZip(t, append(goodFiles(`"x"`), zfile{"Other.json", strings.Repeat(" ", 2<<20) + "{}"}))
	// Find the central directory record of Other.json and set its size field to 10.
	cd := bytes.LastIndex(data, []byte("PK\x01\x02"))
	if cd < 0 {
		t.Fatal("no central directory")
	}
	copy(data[cd+24:cd+28], []byte{10, 0, 0, 0})
	lim := Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 8 << 20, MaxEntries: 100}
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		t.Fatalf("NewArchive: %v", err)
	}
	err = Render(&bytes.Buffer{}, a, Options{})
	if !IsUnusable(err) {
		t.Errorf("got %v, want an UnusableError", err)
	}
}

// TestTotalCountsEntriesOnce: the total limit is on the archive's content, so an
// entry read several times (screens are scanned, then decoded) counts once.
func TestTotalCountsEntriesOnce(t *testing.T) {
	data := makeZip(t, []zfile{{"Header.json", "{}"}, {"A.json", strings.Repeat("a", 100)}})
	lim := Limits{MaxEntrySize: 100, MaxTotalSize: 150, MaxEntries: 10}
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := a.Read(a.Lookup("A.json")); err != nil {
			t.Fatalf("read %d of A.json: %v", i+1, err)
		}
	}
}

func TestBackslashNamesAndLookup(t *testing.T) {
	data := makeZip(t, goodFiles(`"x"`))
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if a.Lookup("controls/2.JSON") == nil {
		t.Error("case-insensitive lookup with '/' failed")
	}
	if got := len(a.Under("Controls")); got != 2 {
		t.Errorf("Under(Controls) = %d entries", got)
	}
}

func TestBrokenControlFileIsReported(t *testing.T) {
	files := append(goodFiles(`"x"`), zfile{`Controls\9.json`, `{"TopParent":`})
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "=== Controls/9.json ===\n(canvasgit: cannot render this entry") {
		t.Errorf("broken control file not reported:\n%s", out)
	}
	if !strings.Contains(out, "=== Src/Screen1.fx.yaml ===") {
		t.Error("the good screen is missing")
	}
}

func TestNaturalLess(t *testing.T) {
	if !naturalLess("Controls/2.json", "Controls/10.json") || naturalLess("Controls/10.json", "Controls/2.json") {
		t.Error("numbers are not compared by value")
	}
}

func TestFileNames(t *testing.T) {
	for in, want := range map[string]string{
		"\r\t!$^%/\\":                    "%0d%09%21%24%5e%25%2f%5c",
		"New Order Screen 2 (Room List)": "New Order Screen 2 %28Room List%29",
		"für":                            "f%fcr",
		"スイート":                           "スイート",
	} {
		if got := escapeFileName(in); got != want {
			t.Errorf("escapeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Long*Control*Name*Truncation*Tests***":                        "Long%2aControl%2aName%2aTruncation%2aTests%2a_959",
		"TestReallyLoooooooooooooooooooooooooooooooooooongControlName": "TestReallyLooooooooooooooooooooooooooooooooooo_cad",
	} {
		if got := truncateFileName(escapeFileName(in)); got != want {
			t.Errorf("truncate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalJSON(t *testing.T) {
	v, err := parseJSON([]byte(`{"b":1.0,"A":[],"a":{"x":"\u00e9\u002B<\n"},"c":0.0458058,"d":true,"e":null,"f":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"a\": {\n    \"x\": \"é+<\\n\"\n  },\n  \"A\": [],\n  \"b\": 1,\n  \"c\": 0.0458058,\n  \"d\": true,\n  \"e\": null,\n  \"f\": {}\n}"
	if got := string(canonicalJSON(v)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func FuzzArchive(f *testing.F) {
	f.Add(makeZip(f, goodFiles(`"x"`)))
	f.Add([]byte("version https://git-lfs.github.com/spec/v1\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxEntrySize: 1 << 20, MaxTotalSize: 4 << 20, MaxEntries: 1000}
		a, err := NewArchive(bytes.NewReader(data), int64(len(data)), lim)
		if err != nil {
			if !IsUnusable(err) {
				t.Fatalf("NewArchive error is not an UnusableError: %v", err)
			}
			return
		}
		if err := Render(&bytes.Buffer{}, a, Options{}); err != nil && !IsUnusable(err) {
			t.Fatalf("Render: %v", err)
		}
	})
}

func TestRenderLineEndsAndPaYaml(t *testing.T) {
	files := append(goodFiles(`"If(x,\r\n  1,\r\n  2)"`),
		zfile{`Src\Screen1.pa.yaml`, "Screens:\r\n  Screen1: {}\r\n"},
		zfile{`Assets\Images\a.png`, "\x89PNG\x00\x01"},
		zfile{"checksum.json", `{"ServerStampedChecksum":"C8_x"}`})
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\r") {
		t.Errorf("output has CR:\n%q", out)
	}
	for _, want := range []string{
		"        Text: |-\n            =If(x,\n              1,\n              2)\n",
		"=== Src/Screen1.pa.yaml ===\nScreens:\n  Screen1: {}\n",
		"=== Assets ===\nAssets/Images/a.png 6 sha256:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "C8_x") {
		t.Error("checksum.json shown without --all")
	}
	all, err := render(t, makeZip(t, files), Options{All: true})
	if err != nil || !strings.Contains(all, "=== Entropy/checksum.json ===") {
		t.Errorf("--all lacks checksum.json (err %v)", err)
	}
}
