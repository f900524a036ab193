package check

import (
	"io/fs"

	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// A `.pa.yaml` app (schema v3) has no CanvasManifest.json: what marks its folder is a
// `Src/` folder holding `*.pa.yaml` files, at any depth (Src/App.pa.yaml,
// Src/Components/*.pa.yaml, Src/Screens/*.pa.yaml in Microsoft's samples). That is
// the layout of every writer (pa-yaml.md §4.9): Studio inside the msapp, Dataverse git
// integration (`<schema>_DocumentUri/Src/`), `pac canvas unpack --layout SourceCode`.
// Which files are schema v3 is told from their content (payaml_app.go); the folder
// rule needs only paths, so tree listings (the gate, `check --rev`) can use it.

// PaYamlAppRoot returns the app folder of p when p is a `.pa.yaml` source file (see
// srcapp.PaYamlRoot).
func PaYamlAppRoot(p string) (string, bool) { return srcapp.PaYamlRoot(p) }

// isPaSource reports whether p, relative to the app root, is one of the app's
// `.pa.yaml` sources: under Src/ at any depth.
func isPaSource(p string) bool {
	r, ok := PaYamlAppRoot(p)
	return ok && r == "."
}

// HoldsPaYamlApp reports whether the folder at the root of fsys is a `.pa.yaml` app
// root (see srcapp.HoldsPaSources); errors reading it count as no.
func HoldsPaYamlApp(fsys fs.FS) bool {
	ok, err := srcapp.HoldsPaSources(fsys, ".")
	return ok && err == nil
}

// hasPaSources reports whether the app's files include a `.pa.yaml` source.
func hasPaSources(list []file) bool {
	for _, f := range list {
		if isPaSource(f.path) {
			return true
		}
	}
	return false
}
