package textconv

// templates writes, from References/Templates.json, pkgs/<name>_<version>.xml for
// each used template (re-indented as pac does, spec §6.3; a template that does not
// parse as XML is shown as stored, since a diff of it is still worth having) and
// pkgs/PcfConversions/<Name>.json for each PcfTemplates entry.
func (r *renderer) templates(*app) error {
	e := r.a.Lookup("References/Templates.json")
	if e == nil {
		return nil
	}
	data, err := r.read(e)
	if err != nil {
		return err
	}
	v, err := parseJSON(trimBOM(data))
	if err != nil {
		r.problem(e.Name, err)
		return nil
	}
	ts, _ := v.(object)
	used, _ := ts.get("UsedTemplates")
	list, _ := used.([]any)
	for _, t := range list {
		t, _ := t.(object)
		xml := t.str("Template")
		body, err := canonicalXML(xml)
		if err != nil {
			body = []byte(xml)
		}
		r.section("pkgs/"+escapeFileName(t.str("Name"))+"_"+escapeFileName(t.str("Version"))+".xml", body)
	}
	pcf, _ := ts.get("PcfTemplates")
	list, _ = pcf.([]any)
	for _, t := range list {
		t, _ := t.(object)
		r.sectionJSON("pkgs/PcfConversions/"+escapeFileName(t.str("Name"))+".json", t)
	}
	return nil
}
