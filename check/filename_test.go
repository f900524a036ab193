package check

import "testing"

// The vectors are pac's own (format-legacy §2.3, UtilityTests).
func TestFileNames(t *testing.T) {
	for _, tt := range []struct{ name, file string }{
		{"\r\t!$^%/\\", "%0d%09%21%24%5e%25%2f%5c"},
		{"New Order Screen 2 (Room List)", "New Order Screen 2 %28Room List%29"},
		{"für", "f%fcr"},
		{"'", "%27"},
		{"スイート", "スイート"},
		{"Long*Control*Name*Truncation*Tests***", "Long%2aControl%2aName%2aTruncation%2aTests%2a_959"},
		{"TestReallyLoooooooooooooooooooooooooooooooooooongControlName", "TestReallyLooooooooooooooooooooooooooooooooooo_cad"},
		{"Screen1", "Screen1"},
	} {
		if got := topParentFileName(tt.name); got != tt.file {
			t.Errorf("topParentFileName(%q) = %q, want %q", tt.name, got, tt.file)
		}
		if len(escapeFileName(tt.name)) <= 50 { // not truncated: unescaping gives the name back
			if got := unescapeFileName(tt.file); got != tt.name {
				t.Errorf("unescapeFileName(%q) = %q, want %q", tt.file, got, tt.name)
			}
		}
	}
	if got := unescapeFileName("a%%00e9b"); got != "aéb" {
		t.Errorf("legacy %%%%xxxx escape: got %q", got)
	}
	for _, tt := range []struct {
		in, out string
		ok      bool
	}{{"Screen1_2", "Screen1", true}, {"Screen_", "Screen_", false}, {"_1", "_1", false}, {"a_b", "a_b", false}} {
		if out, ok := stripCollisionSuffix(tt.in); out != tt.out || ok != tt.ok {
			t.Errorf("stripCollisionSuffix(%q) = %q, %v", tt.in, out, ok)
		}
	}
}
