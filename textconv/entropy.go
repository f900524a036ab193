package textconv

import "strings"

// volatile entries change on every save in Studio; they are shown only with
// Options.All, under pac's Entropy/ folder.
var volatile = map[string]bool{"checksum.json": true, "appcheckerresult.sarif": true}

// entropy writes, with Options.All, the volatile files pac keeps in Entropy/.
func (r *renderer) entropy(*app) error {
	if !r.opts.All {
		return nil
	}
	for _, e := range r.a.Entries {
		if !volatile[strings.ToLower(e.Name)] {
			continue
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		if v, err := parseJSON(data); err == nil {
			r.section("Entropy/"+e.Name, canonicalJSON(v))
		} else {
			r.section("Entropy/"+e.Name, data)
		}
	}
	return nil
}
