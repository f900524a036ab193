package place

import (
	"os"
	"path/filepath"

	"github.com/canvasgit/canvasgit/source/app"
)

// AppsAt returns the app folders of the work tree at the OS path p: the apps below p
// when it is a folder holding any, else the app holding p (the nearest folder above
// it with a marker file or `.pa.yaml` sources under Src/), relative to the current directory when possible. No app
// in or above p is a *NoAppError.
func AppsAt(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		found, err := app.FindFS(os.DirFS(p), ".")
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			out := make([]string, len(found))
			for i, f := range found {
				out[i] = filepath.Join(p, filepath.FromSlash(f))
			}
			return out, nil
		}
	}
	// Inside an app: walk up to the folder that holds the marker.
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		if holdsMarker(dir) || holdsPaSources(dir) {
			if wd, err := os.Getwd(); err == nil {
				if rel, err := filepath.Rel(wd, dir); err == nil {
					return []string{rel}, nil
				}
			}
			return []string{dir}, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, &NoAppError{Path: p}
		}
		dir = parent
	}
}

// holdsMarker reports whether the folder dir holds an app's marker file.
func holdsMarker(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && app.IsMarker(e.Name()) {
			return true
		}
	}
	return false
}

// holdsPaSources reports whether the folder dir is a `.pa.yaml` app root (Src/**/*.pa.yaml).
func holdsPaSources(dir string) bool {
	ok, err := app.HoldsPaSources(os.DirFS(dir), ".")
	return ok && err == nil
}
