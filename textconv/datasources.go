package textconv

import (
	"sort"
	"strings"
)

// outFile is one file of pac's source tree: its path and its text, given either as
// a JSON value (written in canonical form when the section is written) or as bytes.
type outFile struct {
	name string
	json any
	body []byte
}

// text returns the file's contents.
func (f outFile) text() []byte {
	if f.body == nil {
		return canonicalJSON(f.json)
	}
	return f.body
}

// dataSources writes References/DataSources.json as pac 0.24 splits it
// (format-legacy §2.5):
//
//   - DataSources/<group>.json: the entries grouped by RelatedEntityName (else Name),
//     sorted by Name (ordinal), as a JSON array;
//   - pkgs/TableDefinitions/<group>.json for each entry with a TableDefinition (CDS:
//     DatasetName, EntityName, the parsed TableDefinition and what
//     Properties.LocalDatabaseReferences holds for its dataset) or a
//     DataEntityMetadataJson (connector tables: DataEntityMetadataJson, EntityName,
//     TableName);
//   - pkgs/Wadl/<group>.xml and pkgs/Swagger/<group>.json from WadlMetadata.
//
// The LocalDatabaseReferences datasets that no table definition uses are kept in
// p.dbConnections for the localDatabaseReferences step (Connections/<dataset>.json).
func (r *renderer) dataSources(p *app) error {
	w := <-r.dataSourcesAhead // startDataSources did the work
	r.dataSourcesAhead = nil
	if w.entry != nil {
		r.shown[w.entry] = true
	}
	if w.readErr != nil {
		return w.readErr
	}
	if w.parseErr != nil {
		r.problem(dataSourcesEntry, w.parseErr)
	}
	if w.refsErr != nil {
		r.problem("Connections (Properties.json LocalDatabaseReferences)", w.refsErr)
	}
	p.dataSourceOrder = w.order
	for _, f := range w.files {
		r.writeFile(f)
	}
	p.dbConnections = w.conns
	return nil
}

// localDatabaseReferences writes Connections/<dataset>.json for each
// LocalDatabaseReferences dataset that no table definition uses (dataSources found
// them).
func (r *renderer) localDatabaseReferences(p *app) error {
	for _, f := range p.dbConnections {
		r.writeFile(f)
	}
	return nil
}

// dsGroup is one DataSources/<group>.json file in the making.
type dsGroup struct {
	key     string
	base    string // file name without extension, after collision suffixes
	entries []object
}

// splitDataSources does the work of the dataSources step on parsed input: list is
// DataSources.json's "DataSources" array, refs the parsed LocalDatabaseReferences
// (nil when empty). It returns the DataSources/ and pkgs/ files in output order and
// the Connections/<dataset>.json files.
func splitDataSources(list []any, refs object) (files, conns []outFile) {
	// Group in order of first appearance; that order decides which of two names
	// differing only in case gets the _1 suffix.
	var groups []*dsGroup
	byKey := map[string]*dsGroup{}
	for _, v := range list {
		o, ok := v.(object)
		if !ok {
			continue
		}
		key := o.str("RelatedEntityName")
		if key == "" {
			key = o.str("Name")
		}
		g := byKey[key]
		if g == nil {
			g = &dsGroup{key: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.entries = append(g.entries, append(object(nil), o...))
	}
	dsNames := newFileNames()
	for _, g := range groups {
		g.base = dsNames.unique(escapeFileName(g.key), ".json")
	}

	// Which LocalDatabaseReferences entries some CDS table uses, per dataset.
	used := map[string]map[string]bool{}
	for _, g := range groups {
		for _, e := range g.entries {
			if _, ok := e.get("TableDefinition"); !ok {
				continue
			}
			set := e.str("DatasetName")
			if used[set] == nil {
				used[set] = map[string]bool{}
			}
			used[set][e.str("Name")] = true
		}
	}

	dbRefs := newDBRefIndex(refs, used)
	var tables, wadls, swaggers []outFile
	tableNames, wadlNames, swaggerNames := newFileNames(), newFileNames(), newFileNames()
	for _, g := range groups {
		dataset := ""
		for i, e := range g.entries {
			var def object
			if td, ok := e.get("TableDefinition"); ok {
				set, hasSet := e.get("DatasetName")
				if hasSet {
					def = append(def, kv{"DatasetName", set})
					if s, ok := set.(string); ok && dataset == "" {
						dataset = s
					}
				}
				def = append(def, kv{"EntityName", e.str("Name")})
				switch t := td.(type) {
				case string:
					if v, err := parseEmbeddedJSON(t); err == nil {
						td = v
					}
				case tableDefinition:
					td = t.text // shown as the string it is when it holds no JSON
					if v, err := t.parse(); err == nil {
						td = v
					}
				}
				def = append(def, kv{"TableDefinition", td})
				if s, ok := set.(string); ok {
					def = append(def, dbRefs.fields(s, e.str("Name"))...)
				}
				e = e.without("TableDefinition", "DatasetName")
			}
			if meta, ok := e.get("DataEntityMetadataJson"); ok {
				if def.str("EntityName") == "" {
					def = append(def.without("EntityName"), kv{"EntityName", e.str("Name")})
				}
				def = append(def, kv{"DataEntityMetadataJson", meta})
				if t, ok := e.get("TableName"); ok {
					def = append(def, kv{"TableName", t})
				}
				e = e.without("DataEntityMetadataJson", "TableName")
			}
			if def != nil {
				name := tableNames.unique(g.base, ".json")
				tables = append(tables, outFile{name: "pkgs/TableDefinitions/" + name + ".json", json: def})
			}
			if wm, ok := e.get("WadlMetadata"); ok {
				if w, ok := wm.(object); ok {
					if x, ok := w.get("WadlXml"); ok {
						s, _ := x.(string)
						body, err := canonicalXML(s)
						if err != nil {
							body = []byte(s) // shown as stored when it does not parse
						}
						wadls = append(wadls, outFile{name: "pkgs/Wadl/" + wadlNames.unique(g.base, ".xml") + ".xml", body: body})
					}
					if x, ok := w.get("SwaggerJson"); ok {
						if s, ok := x.(string); ok {
							if v, err := parseJSONString(s); err == nil {
								x = v
							}
						}
						swaggers = append(swaggers, outFile{name: "pkgs/Swagger/" + swaggerNames.unique(g.base, ".json") + ".json", json: x})
					}
					w = w.without("WadlXml", "SwaggerJson")
					if len(w) == 0 {
						e = e.without("WadlMetadata")
					} else {
						e = replaceKey(e, "WadlMetadata", w)
					}
				}
			}
			g.entries[i] = e
		}
		// A CDS table's dataset is restored from its table definition on pack, so it
		// is dropped from the group's other entries too, and the view entries lose it
		// as their name prefix.
		if dataset != "" {
			for i, e := range g.entries {
				if e.str("DatasetName") == dataset {
					e = e.without("DatasetName")
				}
				if name := e.str("Name"); e.str("Type") == "ViewInfo" && strings.HasPrefix(name, dataset) {
					e = append(replaceKey(e, "Name", strings.TrimPrefix(name, dataset)), kv{"TrimmedViewName", true})
				}
				g.entries[i] = e
			}
		}
		sort.SliceStable(g.entries, func(i, j int) bool { return g.entries[i].str("Name") < g.entries[j].str("Name") })
	}

	sorted := append([]*dsGroup(nil), groups...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].base < sorted[j].base })
	for _, g := range sorted {
		arr := make([]any, len(g.entries))
		for i, e := range g.entries {
			arr[i] = e
		}
		files = append(files, outFile{name: "DataSources/" + g.base + ".json", json: arr})
	}
	files = append(files, tables...)
	files = append(files, wadls...)
	files = append(files, swaggers...)

	// Datasets no table definition uses keep their whole entry in Connections/.
	connNames := newFileNames()
	connNames.unique("Connections", ".json") // Connections/Connections.json is taken
	for _, m := range refs {
		if used[m.Key] != nil {
			continue
		}
		name := connNames.unique(escapeFileName(m.Key), ".json")
		conns = append(conns, outFile{name: "Connections/" + name + ".json", json: m.Val})
	}
	return files, conns
}

// dbRefIndex answers, for each CDS table definition, what it carries from the
// LocalDatabaseReferences entry of its dataset: instanceUrl as InstanceUrl, the
// entry's other fields (state, webApiVersion, ...) as they are, the table's own
// dataSources entry as LocalReferenceDSJson, and the dataSources entries no table
// uses as UnusedDataSources (on every table of the dataset, so each file alone
// restores them). Each dataset is worked out once, on first use, and looked up by
// map: searching the references and all of a dataset's entries again for every table
// made a dataset of 10,000 tables take 10 s.
type dbRefIndex struct {
	refs map[string]any             // dataset -> its entry (the first of a name)
	used map[string]map[string]bool // dataset -> the dataSources entries some table uses
	sets map[string]*dbRefSet
}

type dbRefSet struct {
	fields  object         // InstanceUrl and the entry's other fields
	sources map[string]any // dataSources entry by name (the first of a name)
	unused  object
}

func newDBRefIndex(refs object, used map[string]map[string]bool) *dbRefIndex {
	x := &dbRefIndex{refs: make(map[string]any, len(refs)), used: used, sets: map[string]*dbRefSet{}}
	for _, m := range refs {
		if _, dup := x.refs[m.Key]; !dup {
			x.refs[m.Key] = m.Val
		}
	}
	return x
}

// fields returns the members the table definition of entity in dataset takes from
// the references, nil when the dataset has no entry (or not an object).
func (x *dbRefIndex) fields(dataset, entity string) object {
	set, ok := x.sets[dataset]
	if !ok {
		set = x.newSet(dataset)
		x.sets[dataset] = set
	}
	if set == nil {
		return nil
	}
	out := append(object(nil), set.fields...)
	if lr, ok := set.sources[entity]; ok {
		out = append(out, kv{"LocalReferenceDSJson", lr})
	}
	return append(out, kv{"UnusedDataSources", set.unused})
}

func (x *dbRefIndex) newSet(dataset string) *dbRefSet {
	ref, _ := x.refs[dataset].(object)
	if ref == nil {
		return nil
	}
	set := &dbRefSet{sources: map[string]any{}, unused: object{}}
	sv, _ := ref.get("dataSources")
	sources, _ := sv.(object)
	for _, m := range ref {
		switch m.Key {
		case "dataSources":
		case "instanceUrl":
			set.fields = append(set.fields, kv{"InstanceUrl", m.Val})
		default:
			set.fields = append(set.fields, m)
		}
	}
	used := x.used[dataset]
	for _, m := range sources {
		if _, dup := set.sources[m.Key]; !dup {
			set.sources[m.Key] = m.Val
		}
		if !used[m.Key] {
			set.unused = append(set.unused, m)
		}
	}
	return set
}

// replaceKey returns o with the value of key replaced (in place of the old member).
func replaceKey(o object, key string, val any) object {
	out := make(object, len(o))
	copy(out, o)
	for i := range out {
		if out[i].Key == key {
			out[i].Val = val
		}
	}
	return out
}
