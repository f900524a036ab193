package textconv

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// rest writes the entries not shown yet: assets and other binary files as one line
// each (path, size, SHA-256), other JSON files canonicalised, text files verbatim.
func (r *renderer) rest(*app) error {
	var assets []string
	for _, e := range r.a.Entries {
		if r.shown[e] {
			continue
		}
		low := strings.ToLower(e.Name)
		first, _, _ := strings.Cut(low, "/")
		if volatile[low] {
			continue // shown by the entropy step with --all
		}
		if first == "controls" || first == "components" || first == "apptests" {
			continue // unreadable control files were reported already
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		isText := json.Valid(trimBOM(data)) || strings.HasSuffix(low, ".yaml") || strings.HasSuffix(low, ".xml") || low == ".gitignore"
		if first == "assets" || (first == "resources" && !isText) || !isText {
			sum := sha256.Sum256(data)
			assets = append(assets, fmt.Sprintf("%s %d sha256:%s", e.Name, len(data), hex.EncodeToString(sum[:])))
			continue
		}
		name := "Other/" + e.Name
		if v, err := parseJSON(data); err == nil {
			r.section(name, canonicalJSON(v))
		} else {
			r.section(name, data)
		}
	}
	if len(assets) > 0 {
		r.section("Assets", []byte(strings.Join(assets, "\n")+"\n"))
	}
	return nil
}
