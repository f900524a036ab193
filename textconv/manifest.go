package textconv

import (
	"path"

	srcapp "github.com/canvasgit/canvasgit/source/app"
)

// manifest writes CanvasManifest.json: Header, Properties (minus what pac moves to
// other files), PublishInfo and ScreenOrder (format-legacy §2.2).
func (r *renderer) manifest(p *app) error {
	manifest := object{{"FormatVersion", "0.24"}}
	if p.header != nil {
		// LastSavedDateTimeUTC goes to Entropy.json (HeaderLastSavedDateTimeUTC).
		manifest = append(manifest, kv{"Header", p.header.without("LastSavedDateTimeUTC")})
	}
	if p.props != nil {
		// The volatile numbers go to Entropy.json (VolatileProperties).
		drop := []string{"LocalConnectionReferences", "LibraryDependencies",
			"AnalysisLoadTime", "DeserializationLoadTime", "ControlCount", "ErrorCount"}
		if p.props.str("InstrumentationKey") != "" {
			drop = append(drop, "InstrumentationKey")
		}
		// LocalDatabaseReferences never stays: its entries go to Connections/ and
		// pkgs/TableDefinitions, and whether it was "" goes to Entropy.json
		// (LocalDatabaseReferencesAsEmpty). The US-Map pair (pac 0.24) has no
		// LocalDatabaseReferences for "{}", unlike format-legacy §2.2.
		drop = append(drop, "LocalDatabaseReferences")
		manifest = append(manifest, kv{"Properties", p.props.without(drop...)})
	}
	if p.publish != nil {
		publish := p.publish
		if logo := publish.str("LogoFileName"); logo != "" {
			publish = append(publish.without("LogoFileName"), kv{"LogoFileName", "logo" + path.Ext(logo)})
		}
		manifest = append(manifest, kv{"PublishInfo", publish})
	}
	order := []any{}
	for _, s := range p.screens {
		order = append(order, s.name)
	}
	manifest = append(manifest, kv{"ScreenOrder", order})
	r.sectionJSON(srcapp.ManifestName, manifest)
	return nil
}

// themes writes Src/Themes.json.
func (r *renderer) themes(p *app) error {
	if p.themes != nil {
		r.sectionJSON("Src/Themes.json", p.themes)
	}
	return nil
}

// connections writes Connections/Connections.json from
// Properties.LocalConnectionReferences; connectionInstanceId goes to Entropy.json
// (LocalConnectionIDReferences).
func (r *renderer) connections(p *app) error {
	s := p.props.str("LocalConnectionReferences")
	if s == "" {
		return nil
	}
	v, err := parseJSONString(s)
	if err != nil {
		r.problem("Connections/Connections.json", err)
		return nil
	}
	if c, ok := v.(object); ok {
		for i, m := range c {
			if o, ok := m.Val.(object); ok {
				c[i].Val = o.without("connectionInstanceId")
			}
		}
	}
	r.sectionJSON("Connections/Connections.json", v)
	return nil
}

// componentReferences writes ComponentReferences.json from
// Properties.LibraryDependencies.
func (r *renderer) componentReferences(p *app) error {
	if s := p.props.str("LibraryDependencies"); s != "" {
		v, err := parseJSONString(s)
		if err != nil {
			r.problem("ComponentReferences.json", err)
			return nil
		}
		r.sectionJSON("ComponentReferences.json", v)
	}
	return nil
}

// appInsightsKey writes AppInsightsKey.json when the app has an Application Insights
// instrumentation key (the manifest leaves it out then).
func (r *renderer) appInsightsKey(p *app) error {
	if key := p.props.str("InstrumentationKey"); key != "" {
		r.sectionJSON("AppInsightsKey.json", object{{"InstrumentationKey", key}})
	}
	return nil
}
