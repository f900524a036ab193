package textconv

import (
	"path"
	"sort"
	"strings"
)

// assetFolder returns the folder under Assets/ of a local resource's Content, and
// false for an unknown kind. A switch, not a map: a map is built at package init, on every
// start of the binary, the merge driver's included.
func assetFolder(content string) (string, bool) {
	switch content {
	case "Image":
		return "Images", true
	case "Audio", "Video", "Pdf":
		return content, true
	}
	return "", false
}

// assetPlan is where pac 0.24 puts the media of an msapp (format-legacy §2.4).
type assetPlan struct {
	// paths maps an archive entry to the file(s) pac writes for it.
	paths map[*Entry][]string
	// files are the JSON files: one per non-local resource (Assets/<Name>.json) and
	// one per renamed colliding local resource (<new file name>.json).
	files []outFile
}

// planAssets reads References/Resources.json and PublishInfo's logo name and works
// out pac's asset paths:
//
//   - each LocalFile resource, in ordinal order of Name, becomes
//     Assets/Images|Audio|Video|Pdf/<Name><extension of the stored file>; a name
//     that collides (ignoring case) with an earlier one gets _1, _2... and a side file
//     <new file name>.json recording the original name;
//   - every other resource (ResourceKind Uri) becomes Assets/<Name>.json, its
//     Resources.json entry as canonical JSON;
//   - the logo Resources/<LogoFileName> becomes Assets/logo.<ext>.
//
// LocalFile entries leave no JSON behind: pac 0.24 rebuilds them from the files, and
// their RootPath, index and original file name go to Entropy.json. (pac 0.20 wrote
// them to Assets/Resources.json; the 0.24 US-Map pair has only Assets/SampleImage.json.)
func (r *renderer) planAssets(p *app) (*assetPlan, error) {
	plan := &assetPlan{paths: map[*Entry][]string{}}
	res, _, err := r.readJSON("References/Resources.json")
	if err != nil {
		return nil, err
	}
	var list []any
	if res != nil {
		v, _ := res.get("Resources")
		list, _ = v.([]any)
	}
	var local []object
	var uri []object
	for _, v := range list {
		o, ok := v.(object)
		if !ok {
			continue
		}
		if o.str("ResourceKind") == "LocalFile" {
			local = append(local, o)
		} else {
			uri = append(uri, o)
		}
	}
	used := newFileNames()
	sort.SliceStable(local, func(i, j int) bool { return local[i].str("Name") < local[j].str("Name") })
	for _, o := range local {
		e := r.a.Lookup(strings.ReplaceAll(o.str("Path"), `\`, "/"))
		if e == nil {
			continue // nothing to write: the file is not in the archive
		}
		folder, ok := assetFolder(o.str("Content"))
		if !ok {
			continue // unknown content kind: the file keeps its archive path
		}
		name := o.str("Name")
		ext := path.Ext(e.Name)
		base := used.unique("Assets/"+folder+"/"+escapeFileName(name), ext)
		newName := path.Base(base) + ext
		plan.paths[e] = append(plan.paths[e], base+ext)
		if base != "Assets/"+folder+"/"+escapeFileName(name) {
			side := object{
				{"NewFileName", newName},
				{"OriginalName", name},
				{"Path", folder + `\` + newName + ".json"},
			}
			plan.files = append(plan.files, outFile{name: base + ext + ".json", json: side})
		}
	}
	sort.SliceStable(uri, func(i, j int) bool { return uri[i].str("Name") < uri[j].str("Name") })
	for _, o := range uri {
		name := used.unique("Assets/"+escapeFileName(o.str("Name")), ".json")
		plan.files = append(plan.files, outFile{name: name + ".json", json: o})
	}
	if logo := p.publish.str("LogoFileName"); logo != "" {
		if e := r.a.Lookup("Resources/" + strings.ReplaceAll(logo, `\`, "/")); e != nil {
			plan.paths[e] = append(plan.paths[e], "Assets/logo"+path.Ext(logo))
		}
	}
	return plan, nil
}

// pacPath is the path pac writes an archive entry to when nothing renames it: Asset
// entries keep their path, every other unknown entry goes under Other/; each segment
// is escaped as pac escapes file names (format-legacy §2.3).
func pacPath(name string) string {
	segs := strings.Split(name, "/")
	for i, s := range segs {
		segs[i] = escapeFileName(s)
	}
	p := strings.Join(segs, "/")
	if first, _, _ := strings.Cut(name, "/"); strings.EqualFold(first, "Assets") {
		return "Assets" + p[len(first):]
	}
	return "Other/" + p
}
