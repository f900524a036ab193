package textconv

import "strings"

// volatile reports the entries (lower-case names) that change on every save in Studio;
// they are shown only with Options.All, under pac's Entropy/ folder.
func volatile(low string) bool { return low == "checksum.json" || low == "appcheckerresult.sarif" }

// entropy writes, with Options.All, what pac keeps in Entropy/: AppCheckerResult.sarif,
// Entropy.json (format-legacy §7, built in entropyfields.go) and checksum.json (the
// msapp's server checksums; see checksumJSON).
func (r *renderer) entropy(p *app) error {
	if !r.opts.All {
		return nil
	}
	for _, e := range r.a.Entries {
		if strings.ToLower(e.Name) != "appcheckerresult.sarif" {
			continue
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		if v, err := parseJSON(data); err == nil {
			r.sectionJSON("Entropy/"+e.Name, v)
		} else {
			r.section("Entropy/"+e.Name, data)
		}
	}
	ent, err := r.entropyJSON(p)
	if err != nil {
		return err
	}
	r.sectionJSON("Entropy/Entropy.json", ent)
	for _, e := range r.a.Entries {
		if strings.ToLower(e.Name) != "checksum.json" {
			continue
		}
		data, err := r.read(e)
		if err != nil {
			return err
		}
		if v, err := parseJSON(data); err == nil {
			r.sectionJSON("Entropy/"+e.Name, v)
		} else {
			r.section("Entropy/"+e.Name, data)
		}
	}
	return nil
}
