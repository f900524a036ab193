package textconv

import (
	"strconv"
	"strings"
	"testing"
)

// TestCollidingScreenFileNames: two screens whose names differ only in case get
// Screen1 and SCREEN1_1, as pac writes them on Windows, by archive order (not
// ScreenOrder).
func TestCollidingScreenFileNames(t *testing.T) {
	screen := func(name string, index int) string {
		return strings.Replace(strings.Replace(testScreen(`"1"`), `"Name":"Screen1"`, `"Name":"`+name+`"`, 1),
			`"Index":0.0`, `"Index":`+strconv.Itoa(index)+`.0`, 1)
	}
	files := []zfile{{"Header.json", testHeader}, {"Properties.json", testProps}, {`Controls\1.json`, testApp},
		{`Controls\2.json`, screen("Screen1", 1)}, {`Controls\3.json`, strings.Replace(screen("SCREEN1", 0), "Label1", "Label2", 1)}}
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var headers []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "=== Src/") {
			headers = append(headers, l)
		}
	}
	want := []string{"=== Src/App.fx.yaml ===", "=== Src/SCREEN1_1.fx.yaml ===", "=== Src/Screen1.fx.yaml ==="}
	if strings.Join(headers, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant\n%s", strings.Join(headers, "\n"), strings.Join(want, "\n"))
	}
}
