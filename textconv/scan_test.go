package textconv

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// A screen whose header reads but whose controls do not decode is listed in the
// manifest and reported in its turn among the screens, not before the manifest
// (scanScreens decodes each file once and keeps the error for sources).
func TestUndecodableScreenIsReportedInItsTurn(t *testing.T) {
	for name, rules := range map[string]string{
		"rules not an array": `{"Property":"Text"}`,
		"bad escape":         `[{"Property":"Text","InvariantScript":"\x"}]`,
	} {
		t.Run(name, func(t *testing.T) {
			bad := `{"TopParent":{"Name":"Broken","ControlUniqueId":"7","Index":1.0,"Template":{"Name":"screen"},"Rules":` + rules + `,"Children":[]}}`
			files := append(goodFiles(`"x"`), zfile{`Controls\3.json`, bad})
			out, err := render(t, makeZip(t, files), Options{})
			if err != nil {
				t.Fatal(err)
			}
			manifest := strings.Index(out, "=== CanvasManifest.json ===")
			screen1 := strings.Index(out, "=== Src/Screen1.fx.yaml ===")
			problem := strings.Index(out, "=== Controls/3.json ===\n(canvasgit: cannot render this entry")
			if manifest < 0 || screen1 < 0 || problem < screen1 {
				t.Errorf("want the problem after Src/Screen1.fx.yaml (manifest %d, Screen1 %d, problem %d):\n%s", manifest, screen1, problem, out)
			}
			if !strings.Contains(out, "\"ScreenOrder\": [\n    \"Screen1\",\n    \"Broken\"\n  ]") {
				t.Errorf("the broken screen is not in ScreenOrder:\n%s", out)
			}
		})
	}
}

// A test case on a screen names the screen of each step; the screen may come after
// it in the archive, so that screen is rendered once all are known.
func TestTestCaseOnScreenNamesLaterScreens(t *testing.T) {
	tc := `{"TopParent":{"Name":"Screen1","ControlUniqueId":"2","Index":0.0,"Template":{"Name":"screen"},"Rules":[],"Children":[` +
		`{"Name":"Case1","ControlUniqueId":"3","Template":{"Name":"TestCase"},"Rules":[` +
		`{"Property":"TestStepsMetadata","InvariantScript":"\"[{\"\"Description\"\":\"\"go\"\",\"\"Rule\"\":\"\"Step1\"\",\"\"ScreenId\"\":\"\"9\"\"}]\""},` +
		`{"Property":"Step1","InvariantScript":"Select(Button1)"}],"Children":[]}]}}`
	later := `{"TopParent":{"Name":"Later","ControlUniqueId":"9","Index":1.0,"Template":{"Name":"screen"},"Rules":[],"Children":[]}}`
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp},
		{`Controls\2.json`, tc}, {`Controls\3.json`, later}}
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Step1 As TestStep:") || !strings.Contains(out, "Screen: =Later") {
		t.Errorf("the test step does not name the later screen:\n%s", splitSections(out)["Src/Screen1.fx.yaml"])
	}
}

// What scanScreens keeps of a screen (name, text, templates) must not hold on to the
// file's data, which the decoding's strings share: once the screens are scanned,
// the heap holds far less than their decompressed files.
func TestScannedScreensDoNotKeepTheirData(t *testing.T) {
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp}}
	total := 0
	for s := 0; s < 12; s++ {
		var b strings.Builder
		id := 1000 * (s + 2)
		b.WriteString(`{"TopParent":{"Name":"Screen` + strconv.Itoa(s) + `","ControlUniqueId":"` + strconv.Itoa(id) +
			`","Index":` + strconv.Itoa(s) + `.0,"Template":{"Name":"screen"},"Rules":[],"Children":[`)
		for l := 0; l < 1000; l++ {
			if l > 0 {
				b.WriteByte(',')
			}
			n := strconv.Itoa(s) + "_" + strconv.Itoa(l)
			b.WriteString(`{"Name":"Label` + n + `","ControlUniqueId":"` + strconv.Itoa(id+l+1) +
				`","Template":{"Name":"label"},"Rules":[{"Property":"X","InvariantScript":"1"}],"PublishOrderIndex":"` +
				strings.Repeat("x", 900) + `","Children":[]}`) // a member the rendering does not show
		}
		b.WriteString(`]}}`)
		files = append(files, zfile{`Controls\` + strconv.Itoa(s+2) + `.json`, b.String()})
		total += b.Len()
	}
	data := makeZip(t, files)
	files = nil
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{a: a, w: bufio.NewWriter(io.Discard), shown: map[*Entry]bool{}}
	var p app
	err = r.load(&p)
	r.waitDataSources()
	if err != nil || len(p.screens) != 12 {
		t.Fatalf("load: %v, %d screens", err, len(p.screens))
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > uint64(total)/3 {
		t.Errorf("%d bytes live after scanning %d bytes of screens: their data is kept", ms.HeapAlloc, total)
	}
	runtime.KeepAlive(&p)
}
