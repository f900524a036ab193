package gitsetup

import "testing"

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in                  string
		major, minor, patch int
		raw                 string
	}{
		{"git version 2.39.5", 2, 39, 5, "2.39.5"},
		{"git version 2.39.5\n", 2, 39, 5, "2.39.5"},
		{"git version 2.45.1.windows.1", 2, 45, 1, "2.45.1.windows.1"},
		{"git version 2.39.5 (Apple Git-154)", 2, 39, 5, "2.39.5"},
		{"git version 2.44.0-rc1", 2, 44, 0, "2.44.0-rc1"},
		{"git version 2.50.0.rc1", 2, 50, 0, "2.50.0.rc1"},
		{"2.42", 2, 42, 0, "2.42"},
		{"git version 3.0.0", 3, 0, 0, "3.0.0"},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.in)
		if err != nil {
			t.Errorf("ParseVersion(%q): %v", tt.in, err)
			continue
		}
		if v.Major != tt.major || v.Minor != tt.minor || v.Patch != tt.patch || v.Raw != tt.raw {
			t.Errorf("ParseVersion(%q) = %d.%d.%d %q, want %d.%d.%d %q", tt.in, v.Major, v.Minor, v.Patch, v.Raw, tt.major, tt.minor, tt.patch, tt.raw)
		}
	}
	for _, bad := range []string{"", "git version", "git version windows", "hello"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q): no error", bad)
		}
	}
}

func TestVersionCompare(t *testing.T) {
	v := func(s string) Version {
		t.Helper()
		x, err := ParseVersion(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		a, b string
		want int
	}{
		{"2.39.5", "2.44.0", -1},
		{"2.44.0", "2.44.0", 0},
		{"2.44.0.windows.1", "2.44.0", 0},
		{"2.45.1", "2.44.9", 1},
		{"2.9.0", "2.10.0", -1},
		{"3.0.0", "2.99.99", 1},
		{"2.42.1", "2.42.0", 1},
	}
	for _, tt := range tests {
		if got := v(tt.a).Compare(v(tt.b)); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if !v("2.44.0").AtLeast(2, 44, 0) || v("2.43.9").AtLeast(2, 44, 0) || !v("2.45.1.windows.1").AtLeast(2, 44, 0) {
		t.Error("AtLeast is wrong around 2.44")
	}
}

func TestFirstWord(t *testing.T) {
	tests := map[string]string{
		"canvasgit merge --path=%P %O %A %B":        "canvasgit",
		"  canvasgit":                               "canvasgit",
		`"C:/Program Files/canvasgit.exe" merge %O`: "C:/Program Files/canvasgit.exe",
		`'/opt/my tools/canvasgit' merge`:           "/opt/my tools/canvasgit",
		"/usr/local/bin/canvasgit\tmerge":           "/usr/local/bin/canvasgit",
		"":                                          "",
		// The variable assignments before the program are not the program.
		"GOMAXPROCS=1 canvasgit merge %O": "canvasgit",
		"A=1  B_2=x '/opt/cg' merge":      "/opt/cg",
		"GOMAXPROCS='1 2' canvasgit":      "GOMAXPROCS='1",
	}
	for in, want := range tests {
		if got := firstWord(in); got != want {
			t.Errorf("firstWord(%q) = %q, want %q", in, got, want)
		}
	}
}
