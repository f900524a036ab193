package merge

import (
	"strings"

	"github.com/canvasgit/canvasgit/merge/yamlmerge"
)

// Matchers for the files of the two layouts that hold an msapp's parts as files:
// Power Platform's git integration (a solution folder: solutions/<S>/*.yml,
// publishers/<p>/publisher.yml, canvasapps/<schema>/canvasapp.yml and the msapp
// unzipped as <schema>_DocumentUri/) and `pac canvas unpack --layout SourceCode`
// (Src/**/*.pa.yaml beside <name>.msapr, a zip of the other entries under msapp/).
// The folder and file names are the ones Microsoft's tools write (PowerApps-Tooling's
// MsappLayoutConstants and MsaprLayoutConstants; real repositories in docs/merge.md).

// inMsappRoot reports whether the file sits directly in an msapp's root folder: a
// git-integration `<schema>_DocumentUri` folder, or the `msapp` folder of a .msapr's
// entries. Header.json and Properties.json are too common as names to match anywhere.
func inMsappRoot(s []string) bool {
	if len(s) < 2 {
		return false
	}
	dir := s[len(s)-2]
	return hasSuffixFold(dir, "_DocumentUri") || strings.EqualFold(dir, "msapp")
}

// isControlFile matches Controls/<id>.json and Components/<id>.json: each file holds one
// top control (screen, App, component definition) and is named by its ControlUniqueId.
// The numeric name keeps the legacy folder's Src/Components/<Name>.json out.
func isControlFile(s []string) bool {
	if len(s) < 2 || !(parentIs(s, "Controls") || parentIs(s, "Components")) {
		return false
	}
	name := last(s)
	if !hasSuffixFold(name, ".json") {
		return false
	}
	return isDigits(name[:len(name)-len(".json")])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isIdentityMap matches <schema>_AdditionalUris<n>_identity.json.
func isIdentityMap(s []string) bool {
	name := strings.ToLower(last(s))
	if !strings.HasSuffix(name, "_identity.json") {
		return false
	}
	stem := strings.TrimSuffix(name, "_identity.json")
	i := strings.LastIndex(stem, "_additionaluris")
	return i > 0 && isDigits(stem[i+len("_additionaluris"):])
}

// isSolutionYAML matches the solution and publisher files of a git-integration
// folder: solutions/<S>/*.yml and publishers/<p>/*.yml.
func isSolutionYAML(s []string) bool {
	if len(s) < 3 || !hasSuffixFold(last(s), ".yml") {
		return false
	}
	grand := s[len(s)-3]
	return strings.EqualFold(grand, "solutions") || strings.EqualFold(grand, "publishers")
}

// canvasAppYAML settles the values Power Apps rewrites in canvasapp.yml on every save:
// AppVersion (the save time), the client versions, the commit message and the Tags
// blob (device settings and the saving client's version, as one JSON string).
var canvasAppYAML = yamlmerge.Policy{
	Name:        "Power Apps",
	LaterKeys:   []string{"AppVersion"},
	MaxKeys:     []string{"CreatedByClientVersion", "MinClientVersion", "IntroducedVersion"},
	DerivedKeys: []string{"CommitMessage", "Tags"},
}

// solutionYAML: the solution's version takes the larger value; anything else both
// sides changed is a conflict.
var solutionYAML = yamlmerge.Policy{
	Name:    "Dataverse",
	MaxKeys: []string{"Version", "@version", "@SolutionPackageVersion"},
}
