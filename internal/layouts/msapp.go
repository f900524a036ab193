// Package layouts builds, from a real .msapp, the two folder layouts teams commit
// today, for tests: Power Platform's git integration (a solution folder holding the
// msapp unzipped as canvasapps/<schema>/<schema>_DocumentUri/) and
// `pac canvas unpack --layout SourceCode` (Src/**/*.pa.yaml beside <name>.msapr).
// The shapes follow Microsoft's tools and real repositories (docs/merge.md, "Git
// integration and SourceCode layouts"); nothing here calls those tools.
package layouts

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// entry is one file of an msapp: its path with forward slashes, as the msapp's own
// backslash names mean it, and its bytes.
type entry struct {
	name string
	data []byte
}

// readMsapp reads every entry of an msapp. Studio writes names with backslashes.
func readMsapp(file string) ([]entry, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%s: not an msapp (zip): %v", file, err)
	}
	var es []entry
	for _, f := range r.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if clean := path.Clean("/" + name); clean != "/"+name || strings.HasSuffix(name, "/") {
			if strings.HasSuffix(name, "/") {
				continue // a folder entry
			}
			return nil, fmt.Errorf("%s: entry %q is not a plain relative path", file, f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: entry %s: %v", file, f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: entry %s: %v", file, f.Name, err)
		}
		es = append(es, entry{name, data})
	}
	return es, nil
}

// isSource reports whether an msapp entry is source code that the SourceCode layout
// writes to disk: Src/**/*.pa.yaml (PowerApps-Tooling's MsappPackingService).
func isSource(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "src/") && strings.HasSuffix(strings.ToLower(name), ".pa.yaml")
}

func writeFile(file string, data []byte) error {
	if err := os.MkdirAll(path.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}
