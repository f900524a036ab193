package textconv

import "encoding/json"

// templates writes pkgs/<name>_<version>.xml with the template XML as stored.
func (r *renderer) templates(*app) error {
	e := r.a.Lookup("References/Templates.json")
	if e == nil {
		return nil
	}
	data, err := r.read(e)
	if err != nil {
		return err
	}
	var ts struct {
		UsedTemplates []struct{ Name, Version, Template string }
	}
	if json.Unmarshal(trimBOM(data), &ts) != nil {
		return nil
	}
	for _, t := range ts.UsedTemplates {
		r.section("pkgs/"+escapeFileName(t.Name)+"_"+escapeFileName(t.Version)+".xml", []byte(t.Template))
	}
	return nil
}
