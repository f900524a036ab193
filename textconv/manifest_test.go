package textconv

import (
	"strings"
	"testing"
)

// TestAppInsightsKey: the key leaves the manifest for its own file, as pac does.
func TestAppInsightsKey(t *testing.T) {
	files := goodFiles(`"\"hi\""`)
	files[1].data = `{"DocumentAppType":"Phone","Name":"t.msapp","InstrumentationKey":"74d7f434-dd1d-47ab-9853-f98194765bf7"}`
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	secs := splitSections(out)
	if got, want := secs["AppInsightsKey.json"], "{\n  \"InstrumentationKey\": \"74d7f434-dd1d-47ab-9853-f98194765bf7\"\n}\n"; got != want {
		t.Errorf("AppInsightsKey.json: %q, want %q", got, want)
	}
	if strings.Contains(secs["CanvasManifest.json"], "InstrumentationKey") {
		t.Errorf("the manifest still has the key:\n%s", secs["CanvasManifest.json"])
	}
}
