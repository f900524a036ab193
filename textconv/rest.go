package textconv

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// rest writes the entries not shown yet, under the paths pac gives them: the JSON
// files pac makes from References/Resources.json (assets.go), text files as
// Other/<path> (JSON canonicalised), and one Assets section with a line per binary
// file (media, the logo, other binaries), `<path> <size> sha256:<hex>`, sorted by path.
func (r *renderer) rest(p *app) error {
	plan, err := r.planAssets(p)
	if err != nil {
		return err
	}
	for _, f := range plan.files {
		r.writeFile(f)
	}
	var assets []string
	for _, e := range r.a.Entries {
		if r.shown[e] {
			continue
		}
		low := strings.ToLower(e.Name)
		first, _, _ := strings.Cut(low, "/")
		if volatile(low) {
			continue // shown by the entropy step with --all
		}
		if first == "controls" || first == "components" || first == "apptests" {
			continue // unreadable control files were reported already
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		// Hashed at most once per entry: many resources may name the same file.
		var sum string
		line := func(p string) string {
			if sum == "" {
				h := sha256.Sum256(data)
				sum = hex.EncodeToString(h[:])
			}
			return fmt.Sprintf("%s %d sha256:%s", p, len(data), sum)
		}
		if paths, ok := plan.paths[e]; ok {
			for _, p := range paths {
				assets = append(assets, line(p))
			}
			continue
		}
		isText := json.Valid(trimBOM(data)) || strings.HasSuffix(low, ".yaml") || strings.HasSuffix(low, ".xml") || low == ".gitignore"
		if first == "assets" || !isText {
			assets = append(assets, line(pacPath(e.Name)))
			continue
		}
		name := pacPath(e.Name)
		if v, err := parseJSON(data); err == nil {
			r.sectionJSON(name, v)
		} else {
			r.section(name, data)
		}
	}
	if len(assets) > 0 {
		sort.Strings(assets)
		r.section("Assets", []byte(strings.Join(assets, "\n")+"\n"))
	}
	return nil
}
