package textconv

import (
	"strings"

	"github.com/canvasgit/canvasgit/source/fxyaml"
)

// sources writes Src/App.fx.yaml, the screens in ScreenOrder, the components and
// the tests, with defaults stripped as pac does (format-legacy §5).
func (r *renderer) sources(p *app) error {
	var tops []*topParent
	if p.appControl != nil {
		tops = append(tops, p.appControl)
	}
	for i := range p.screens {
		tops = append(tops, &p.screens[i])
	}
	for _, tp := range tops {
		switch {
		case tp.decodeErr != nil:
			r.problem(tp.entry.Name, tp.decodeErr)
		case tp.item != nil:
			r.section(tp.file, fxFile(p.builder.build(tp.item, nil)))
		default:
			r.section(tp.file, tp.text) // rendered by scanScreens
		}
	}
	if err := r.componentSources(p, p.builder); err != nil {
		return err
	}
	for _, t := range p.tests {
		r.tests(p.builder, t)
	}
	return nil
}

// decodedTop is a control file read and decoded ahead of its turn: readErr stops
// the rendering, err says why data did not decode.
type decodedTop struct {
	data    []byte
	item    *item
	tmpl    fileTemplates
	err     error
	readErr error
}

// decodeAhead reads and decodes the files in order on another goroutine, at most two
// ahead of the caller, so decompressing and parsing one screen overlaps with
// rendering the one before. stop ends it early and waits for it, so it never reads
// after the caller has returned.
func (r *renderer) decodeAhead(entries []*Entry) (<-chan decodedTop, func()) {
	out := make(chan decodedTop, 2)
	quit := make(chan struct{})
	go func() {
		defer close(out)
		for _, e := range entries {
			var d decodedTop
			if d.data, d.readErr = r.a.Read(e); d.readErr == nil {
				d.item, d.tmpl, d.err = decodeScreenTop(d.data)
			}
			select {
			case out <- d:
			case <-quit:
				return
			}
			if d.readErr != nil {
				return
			}
		}
	}()
	return out, func() {
		close(quit)
		for range out {
		}
	}
}

// newBuilder sets up what rendering a control needs from the rest of the app: the
// default values (themes, templates) and the component definitions. Screens are
// added as they are decoded.
func newBuilder(p *app) *builder {
	defs := newDefaultSet(p.props.str("DocumentAppType"))
	defs.addThemes(p.themes)
	defs.addTemplates(p.templates)
	b := &builder{components: map[string]string{}, hidden: map[string]map[string]bool{},
		screens: map[string]string{}, defaults: defs}
	for _, c := range p.components {
		b.addComponentDefinition(c.item)
	}
	return b
}

// componentSources writes each component's .fx.yaml followed by its template state
// (components.go), both under Src/Components/ or, for a component from a component
// library, pkgs/Components/.
func (r *renderer) componentSources(p *app, b *builder) error {
	info, err := r.componentInfo(p)
	if err != nil {
		return err
	}
	for _, c := range p.components {
		state, err := r.componentState(p, info, c)
		if err != nil {
			return err
		}
		dir := info.componentFolder(state)
		name := r.uniqueFile(dir, topParentFileName(c.item.Name), ".fx.yaml")
		r.section(dir+name+".fx.yaml", fxFile(b.build(c.item, nil)))
		if state != nil {
			r.sectionJSON(dir+name+".json", state)
		} else {
			r.section(dir+name+".json", []byte("(canvasgit: the component's Template is not an object)\n"))
		}
	}
	return nil
}

// topParentFileName is the escaped and truncated file name pac gives a top parent.
func topParentFileName(name string) string { return truncateFileName(escapeFileName(name)) }

// addComponentDefinition registers a component definition: its GUID template name
// maps to the component's name, its hidden function-parameter properties are
// remembered, and its own rules become the defaults of its instances.
func (b *builder) addComponentDefinition(it *item) {
	if !it.Template.IsComponentDefinition {
		return
	}
	guid := strings.ToLower(it.Template.Name)
	b.components[guid] = it.Name
	hidden := map[string]bool{}
	for _, cp := range it.Template.CustomProperties {
		if cp.PropertyScopeKey != nil {
			hidden[cp.Name] = true
			for _, pr := range cp.PropertyScopeKey.PropertyScopeRulesKey {
				hidden[pr.Name] = true
			}
		}
	}
	b.hidden[guid] = hidden
	// The definition's rules are formulas of the same app as the instance's, so they
	// are compared the same way: line breaks normalised to LF on both sides (strip
	// compares lfOnly of the instance's formula). pac compares the two formulas as they
	// are stored, CRLF and all, and (before its June 2021 change) after normalising
	// both; either way an instance value byte-equal to the definition's is dropped. A
	// theme or template default, by contrast, is not a formula and is taken as stored.
	inputs := map[string]string{}
	for _, rl := range it.Rules {
		if !hidden[rl.Property] {
			inputs[rl.Property] = lfOnly(script(rl.InvariantScript))
		}
	}
	b.defaults.components[guid] = inputs
}

// tests writes the test container without its suites, then one file per suite
// named by its DisplayName (format-legacy §2.3).
func (r *renderer) tests(b *builder, t topParent) {
	blk := b.build(t.item, nil)
	suites := blk.Children()
	kept := blk.Body[:0:0]
	for _, n := range blk.Body {
		if c, ok := n.(*fxyaml.Block); !ok || c.Kind == fxyaml.FunctionBlock {
			kept = append(kept, n)
		}
	}
	blk.Body = kept
	r.section("Src/Tests/"+r.uniqueFile("Src/Tests/", topParentFileName(t.item.Name), ".fx.yaml")+".fx.yaml", fxFile(blk))
	for _, s := range suites {
		name := s.Name
		if p := s.Property("DisplayName"); p != nil {
			name = strings.Trim(p.Value, `"`)
		}
		r.section("Src/Tests/"+r.uniqueFile("Src/Tests/", topParentFileName(name), ".fx.yaml")+".fx.yaml", fxFile(s))
	}
}

// paYaml writes the Src/*.pa.yaml files newer Studio versions store in the msapp,
// verbatim.
func (r *renderer) paYaml(*app) error {
	for _, e := range r.a.Under("Src") {
		data, err := r.read(e)
		if err != nil {
			return err
		}
		r.section(e.Name, data)
	}
	return nil
}
