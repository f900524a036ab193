package textconv

import (
	"bytes"
	"reflect"
	"testing"
)

func TestArchiveIsAPlace(t *testing.T) {
	data := makeZip(t, []zfile{
		{"Header.json", testHeader},
		{"Properties.json", testProps},
		{`Controls\10.json`, testApp},
		{"Controls/2.json", testScreen("Hi")},
		{"controls/2.json", "duplicate, not read"},
	})
	a, err := NewArchive(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := a.Paths()
	if want := []string{"Controls/10.json", "Controls/2.json", "Header.json", "Properties.json"}; err != nil || !reflect.DeepEqual(paths, want) {
		t.Errorf("Paths = %q %v, want %q", paths, err, want)
	}
	files, err := a.App("Controls")
	if err != nil {
		t.Fatal(err)
	}
	if len(files.Files) != 2 || files.Files[0].Path != "10.json" || string(files.Files[0].Data) != testApp || files.Files[1].Path != "2.json" {
		t.Errorf("App(Controls) = %+v", files.Files)
	}
	all, _ := a.App(".")
	if len(all.Files) != 4 || len(all.Unread) != 0 {
		t.Errorf("App(.) read %d files, %d unread", len(all.Files), len(all.Unread))
	}
}
