package textconv

import "sort"

// dataSources writes DataSources/<group>.json, entries grouped by
// RelatedEntityName or Name and sorted by Name (ordinal).
func (r *renderer) dataSources(*app) error {
	ds, _, err := r.readJSON("References/DataSources.json")
	if err != nil || ds == nil {
		return err
	}
	list, _ := func() ([]any, bool) { v, _ := ds.get("DataSources"); l, ok := v.([]any); return l, ok }()
	groups := map[string][]any{}
	var names []string
	for _, v := range list {
		o, ok := v.(object)
		if !ok {
			continue
		}
		g := o.str("RelatedEntityName")
		if g == "" {
			g = o.str("Name")
		}
		if _, ok := groups[g]; !ok {
			names = append(names, g)
		}
		groups[g] = append(groups[g], o)
	}
	sort.Strings(names)
	for _, g := range names {
		entries := groups[g]
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].(object).str("Name") < entries[j].(object).str("Name") })
		r.section("DataSources/"+escapeFileName(g)+".json", canonicalJSON(entries))
	}
	return nil
}

// localDatabaseReferences shows Properties.LocalDatabaseReferences when it has
// entries (pac moves them out of the manifest).
func (r *renderer) localDatabaseReferences(p *app) error {
	if s := p.props.str("LocalDatabaseReferences"); s != "" && s != "{}" {
		v, err := parseJSON([]byte(s))
		if err != nil {
			r.problem("Connections/LocalDatabaseReferences.json", err)
			return nil
		}
		r.section("Connections/LocalDatabaseReferences.json", canonicalJSON(v))
	}
	return nil
}
