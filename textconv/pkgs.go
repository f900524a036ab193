package textconv

// templates writes, from References/Templates.json, pkgs/<name>_<version>.xml for
// each used template (re-indented as pac does, spec §6.3; a template that does not
// parse as XML is shown as stored, since a diff of it is still worth having) and
// pkgs/PcfConversions/<Name>.json for each PcfTemplates entry.
func (r *renderer) templates(p *app) error {
	for _, t := range objectList(p.templates, "UsedTemplates") {
		xml, _ := ctString(t, "Template")
		body, err := canonicalXML(xml)
		if err != nil {
			body = []byte(xml)
		}
		name, _ := ctString(t, "Name")
		version, _ := ctString(t, "Version")
		r.section("pkgs/"+escapeFileName(name)+"_"+escapeFileName(version)+".xml", body)
	}
	for _, t := range objectList(p.templates, "PcfTemplates") {
		name, _ := ctString(t, "Name")
		r.sectionJSON("pkgs/PcfConversions/"+escapeFileName(name)+".json", t)
	}
	return nil
}
