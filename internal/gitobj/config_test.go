package gitobj

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Config values read as git config --get reads them.
func TestConfigAgreesWithGit(t *testing.T) {
	needGit(t)
	text := "# comment\n[core]\n\tbare = false\n\tRepositoryFormatVersion = 0\n" +
		"[canvasgit]\n\tchecksum = keep ; a comment\n\tchecksum = \"re compute\"  # last wins\n" +
		"\tflag\n\tspaced =   a   b\t c  \n\tescaped = \"x\\ty\\\\z\\\"q\"\n\tcontinued = one \\\n two\n" +
		"[remote \"Origin\"]\n\turl = https://example.com/r.git\n[Section.Sub]\n\tkey = legacy\n" +
		"[extensions]\n\tobjectFormat = sha1\n"
	file := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct{ section, sub, key string }{
		{"core", "", "bare"}, {"core", "", "repositoryformatversion"}, {"canvasgit", "", "checksum"},
		{"CanvasGit", "", "CHECKSUM"}, {"canvasgit", "", "flag"}, {"canvasgit", "", "spaced"},
		{"canvasgit", "", "escaped"}, {"canvasgit", "", "continued"}, {"remote", "Origin", "url"},
		{"section", "sub", "key"}, {"extensions", "", "objectformat"}, {"canvasgit", "", "absent"},
		{"remote", "origin", "url"},
	} {
		name := k.section + "." + k.key
		if k.sub != "" {
			name = k.section + "." + k.sub + "." + k.key
		}
		got, ok := c.Get(k.section, k.sub, k.key)
		cmd := gitCmd(t.TempDir(), "config", "-f", file, "--get", name)
		out, err := cmd.Output()
		want, wantOK := strings.TrimSuffix(string(out), "\n"), err == nil
		if got != want || ok != wantOK {
			t.Errorf("Get(%s) = %q, %v; git config says %q, %v", name, got, ok, want, wantOK)
		}
	}
	for _, bad := range []string{"key = outside\n", "[unterminated\n", "[s \"x]\n", "[s]\n\tk = \"open\n", "[s]\n\tk = bad\\q\n", "[s]\n\t=v\n"} {
		if _, err := ParseConfig(bad); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("ParseConfig(%q) = %v, want an error with its line", bad, err)
		}
	}
}
