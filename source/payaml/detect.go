package payaml

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/canvasgit/canvasgit/internal/lazy"
)

// Flavor is which of the formats that share the `.pa.yaml` extension a file is in
// (pa-yaml.md §4.8).
type Flavor int

const (
	// Unknown is anything else: empty, not YAML, or a shape this package does not know.
	Unknown Flavor = iota
	// V3 is schema v3 (Power Fx YAML): top-level App, Screens, ComponentDefinitions,
	// DataSources, EditorState, Themes or ControlStyles.
	V3
	// Legacy is the 2021 PASopa syntax `Name As type:` (the format now called
	// `.fx.yaml`, package fxyaml).
	Legacy
	// Prototype is the 2024 prototype shape `Name:` / `Control: Screen` / `Children`,
	// which neither Studio nor pac writes any more.
	Prototype
)

func (f Flavor) String() string {
	switch f {
	case V3:
		return "schema v3"
	case Legacy:
		return "legacy Name As type"
	case Prototype:
		return "2024 prototype"
	}
	return "unknown"
}

// TopLevelKeys are the root keys of a v3 document: the published schema's five and the
// two (Themes, ControlStyles) the tooling's model added since.
var TopLevelKeys = []string{"App", "Screens", "ComponentDefinitions", "DataSources", "EditorState", "Themes", "ControlStyles"}

func isTopLevelKey(k string) bool {
	for _, t := range TopLevelKeys {
		if k == t {
			return true
		}
	}
	return false
}

// legacyHeader is a PASopa control header: `Name As type[.variant]:`, the name maybe
// 'quoted' and the whole key maybe "double-quoted". Compiled when first used, not in an
// init: every merge driver start would pay for it.
var legacyHeader = lazy.Of[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^"?('[^']*(?:''[^']*)*'|[^\s:'"][^:]*?) As [A-Za-z_][\w.]*"?:(\s|$)`)
}}

// Detect tells the flavor from the content, never from the file name: it reads the
// keys written at column 0 (after comments, blank lines and a BOM). A file whose root
// keys are all v3 top-level keys is V3; one whose first key is a `Name As type:` header
// is Legacy; one whose first key holds `Control:` directly is Prototype. It does not
// parse the whole file, so a V3 file may still fail Parse.
func Detect(data []byte) Flavor {
	data = bytes.TrimPrefix(data, bom)
	var roots []string
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	firstRoot := -1
	for i, l := range lines {
		if l == "" || l[0] == ' ' || l[0] == '#' || l[0] == '\t' {
			continue
		}
		if firstRoot < 0 {
			firstRoot = i
		}
		if legacyHeader.Get().MatchString(l) {
			if len(roots) == 0 {
				return Legacy
			}
			return Unknown
		}
		key, ok := rootKey(l)
		if !ok {
			return Unknown
		}
		roots = append(roots, key)
	}
	if len(roots) == 0 {
		return Unknown
	}
	allV3 := true
	for _, k := range roots {
		if !isTopLevelKey(k) {
			allV3 = false
		}
	}
	if allV3 {
		return V3
	}
	// The prototype: `Name:` with `Control:` as the first key one level in.
	for _, l := range lines[firstRoot+1:] {
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "Control:") {
			return Prototype
		}
		break
	}
	return Unknown
}

// rootKey reads the key of a column-0 line `Key:` or `Key: value`.
func rootKey(l string) (string, bool) {
	i := strings.Index(l, ":")
	if i <= 0 {
		return "", false
	}
	if i+1 < len(l) && l[i+1] != ' ' {
		return "", false
	}
	k := l[:i]
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		k = k[1 : len(k)-1]
	}
	return k, true
}
