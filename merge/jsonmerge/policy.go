package jsonmerge

import "strings"

// Mode is what the merge does where both sides changed the same value differently
// and no rule of the Policy decides.
type Mode int

const (
	// ModeConflict writes conflict markers around the smallest whole-line region (one
	// member, one array entry) and reports the conflict: the user resolves it.
	ModeConflict Mode = iota
	// ModeRefuse writes the same markers, but the caller must treat the file as refused
	// (a protected file: the merge is unsafe, not merely undecided).
	ModeRefuse
	// ModeKeepOurs keeps ours' value at each overlap and reports it as resolved; the
	// merge is always clean (volatile files that Studio regenerates).
	ModeKeepOurs
)

func (m Mode) String() string {
	switch m {
	case ModeConflict:
		return "conflict"
	case ModeRefuse:
		return "refuse"
	case ModeKeepOurs:
		return "keep-ours"
	}
	return "unknown"
}

// Policy is the per-file-kind semantics of the merge: plain data, one value per row
// of the rules table. Paths are written "$.Properties.AppPreviewFlagsKey",
// "$.ControlStates.*" (any member), "$.runs[].results" (any array entry). Keys are
// bare member names and apply at any depth.
type Policy struct {
	// Name names the policy in notes.
	Name string
	// Mode is what an overlap does (see Mode).
	Mode Mode
	// IdentityKeys are the member names that can identify the entries of an array of
	// objects, tried in order. An array is merged by identity when every entry on all
	// three sides is a string (identified by itself) or an object holding the key with
	// a string value, and no identity repeats on a side. Other arrays are merged as
	// ordered sequences.
	IdentityKeys []string
	// EntryIdentities declare, per array path, the members that together identify an
	// entry (whole values, compared as JSON). They come before IdentityKeys. Such an
	// array is merged by identity when every entry on all three sides is an object
	// with at least one of the members (a missing one counts as absent) and no
	// identity repeats on a side; otherwise as an ordered sequence, with a note
	// saying why. For these arrays, each entry whose overlaps a resolving mode settled
	// gets a note naming the entry and what was dropped.
	EntryIdentities []EntryIdentity
	// SequencePaths are arrays always merged as ordered sequences, even when their
	// entries look identified (positional lists of distinct strings, say).
	SequencePaths []string
	// SetPaths are arrays whose order means nothing: both sides reordering differently
	// is not an overlap (ours' order is kept, theirs' additions placed after their
	// predecessor).
	SetPaths []string
	// LaterKeys are member names whose value only records when something was saved:
	// when both sides changed it, the later time wins (ticks as digit strings,
	// MM/dd/yyyy HH:mm:ss, RFC 3339, or numbers). Values that do not parse are
	// handled by Mode.
	LaterKeys []string
	// MaxKeys are member names whose value only grows (a counter, a version): when
	// both sides changed it, the larger one wins (numbers, digit strings, dotted
	// versions).
	MaxKeys []string
	// DerivedKeys are member names whose value Studio recomputes on every save (error
	// counts): when both sides changed it, ours is kept and a note says so.
	DerivedKeys []string
	// UniqueIDPaths are objects mapping names to integer ids that must stay distinct
	// (pac refuses duplicates, PA3007). After the merge, an id held by two names is
	// kept by the name that has it in ours; the others get new ids above the largest
	// one, and a note says so.
	UniqueIDPaths []string
	// UniqueIDKeys are member names, at any depth, whose values are ids Studio hands
	// out when it saves (ControlUniqueId): integers or digit strings. When both sides
	// changed one, ours is kept (an allocation artefact, not an edit); after the merge
	// the values are made distinct within the file like UniqueIDPaths: of the members
	// sharing a value, the one whose value came from ours keeps it, the others get new
	// ids above the largest, and a note says so.
	UniqueIDKeys []string
	// RuleIndexes: the file is a SARIF log; after the merge each result's ruleIndex is
	// set to the position of its ruleId among the run's merged rules (SARIF 2.1.0
	// §3.27.6), with a note.
	RuleIndexes bool
	// lazyBase says base is read lazily (see baseReader) from lazyMin bytes: editor
	// states, whose merges look at a few controls of many, and the generic JSON files
	// (components: on the replay cases, 0.90x the instructions and 0.82x the page
	// faults of a whole read). Entropy.json's maps and App Checker's reordered
	// results are looked at nearly whole: read lazily, the replay cases of those ran
	// more instructions than read whole (App Checker's 1.22x, callgrind).
	lazyBase bool
}

// DefaultIdentityKeys identify entries in the arrays pac writes: data source entries
// and component children (Name), palette entries in Themes.json (name), component
// rules (Property), editor-state property entries (PropertyName) and control
// property state entries (InvariantPropertyName) and qualified values in
// Other/References/QualifiedValues.json (Namespace). Last, "id": in any array whose
// entries all carry a distinct string id, the id is what the entry is (SARIF rules,
// connector metadata), by JSON convention.
var DefaultIdentityKeys = []string{"Name", "name", "Property", "PropertyName", "InvariantPropertyName", "Namespace", "id"}

// SarifIdentities identify the entries of a SARIF log's arrays (SARIF 2.1.0): a
// rule (reportingDescriptor) by its id, §3.49.3; a result by what it reports (ruleId,
// §3.27.5), where (locations, §3.27.12) and what it says (message, §3.27.11). A
// result's ruleIndex is left out: it is the rule's position, which moves when rules
// are added or removed.
var SarifIdentities = []EntryIdentity{
	{Path: "$.runs[].tool.driver.rules", Fields: []string{"id"}},
	{Path: "$.runs[].results", Fields: []string{"ruleId", "locations", "message"}},
}

// ControlIDKeys name the ids Studio allocates to controls and renumbers on save.
var ControlIDKeys = []string{"ControlUniqueId"}

// SaveTimeKeys are the fields found in real unpacked apps that only record when
// something was saved or refreshed: LastModifiedTimestamp (.NET ticks; component
// JSON, ControlTemplates.json, pkgs), HeaderLastSavedDateTimeUTC (Entropy.json) and
// LastSavedDateTimeUTC (msapp header, in case it appears), and a data source's
// CdpRevision.LastChangedTimeString.
var SaveTimeKeys = []string{"LastModifiedTimestamp", "HeaderLastSavedDateTimeUTC", "LastSavedDateTimeUTC", "LastChangedTimeString"}

// Ready-made policies, one per kind of file in the rules table.
var (
	// ManifestPolicy is for CanvasManifest.json: Properties, Header and PublishInfo
	// merged key by key; AppPreviewFlagsKey merged as a set; ScreenOrder merged by
	// screen name (both sides' new screens kept, ours' first; two different reorders
	// are an overlap). Versions and LastControlUniqueId take the larger value; error
	// counts and PublishInfo.UserLocale (the locale of whoever saved last) keep ours.
	// Any other overlap is refused.
	ManifestPolicy = Policy{
		Name:         "manifest",
		Mode:         ModeRefuse,
		IdentityKeys: DefaultIdentityKeys,
		SetPaths:     []string{"$.Properties.AppPreviewFlagsKey"},
		LaterKeys:    SaveTimeKeys,
		MaxKeys:      []string{"LastControlUniqueId", "DocVersion", "MinVersionToLoad", "MSAppStructureVersion", "OriginatingVersion"},
		DerivedKeys:  []string{"BindingErrorCount", "ParserErrorCount", "ErrorCount", "UserLocale"},
	}
	// ConnectionsPolicy is for Connections/*.json: connections keyed by id; lists of
	// data sources and dependents merged as sets by value. A connection changed
	// differently on both sides is refused.
	ConnectionsPolicy = Policy{
		Name:         "connections",
		Mode:         ModeRefuse,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
	}
	// DataSourcesPolicy is for DataSources/*.json: an array of entries keyed by Name.
	DataSourcesPolicy = Policy{
		Name:         "data sources",
		Mode:         ModeRefuse,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
	}
	// PkgsPolicy is for the JSON files under pkgs/ (table definitions, PCF templates,
	// swagger, component library copies).
	PkgsPolicy = Policy{
		Name:         "pkgs",
		Mode:         ModeRefuse,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
		DerivedKeys:  []string{"PublishOrderIndex"},
	}
	// EntropyPolicy is for Entropy/Entropy.json: never a conflict (ours wins each
	// overlap), the later save time wins, and ControlUniqueIds stay unique.
	EntropyPolicy = Policy{
		Name:          "entropy",
		Mode:          ModeKeepOurs,
		IdentityKeys:  DefaultIdentityKeys,
		LaterKeys:     SaveTimeKeys,
		UniqueIDPaths: []string{"$.ControlUniqueIds"},
	}
	// EditorStatePolicy is for *.editorstate.json: the union of the control entries,
	// each merged member by member (a control's fields are independent records of
	// one control: theirs' new ParentIndex survives ours' new property list); a
	// member both sides changed differently keeps ours. ParentIndex duplicates are
	// left alone: the file does not say which controls are siblings (that is in the
	// .fx.yaml tree), so a repeated value is normal (every container's first child
	// has 0) and cannot be told from a clash here.
	EditorStatePolicy = Policy{
		Name:         "editor state",
		Mode:         ModeKeepOurs,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
		lazyBase:     true,
	}
	// SarifPolicy is for Entropy/AppCheckerResult.sarif: merged structurally, ours
	// wins each overlap; rules and results are merged by identity (SarifIdentities),
	// and each result's ruleIndex then points at its rule again; a message's
	// arguments are positional.
	SarifPolicy = Policy{
		Name:            "app checker results",
		Mode:            ModeKeepOurs,
		IdentityKeys:    DefaultIdentityKeys,
		EntryIdentities: SarifIdentities,
		SequencePaths:   []string{"$.runs[].results[].message.arguments"},
		LaterKeys:       SaveTimeKeys,
		DerivedKeys:     []string{"ruleIndex"},
		RuleIndexes:     true,
	}
	// GenericPolicy is for every other JSON file of an app: Src/Components/*.json,
	// ControlTemplates.json, Src/Themes.json, Other/**, ComponentReferences.json,
	// Assets/*.json. Overlaps are conflicts. LastModifiedTimestamp takes the later value
	// and PublishOrderIndex (renumbered by Studio on every save) keeps ours. The
	// entries of Other/References/QualifiedValues.json are a set: Studio reorders them
	// when the saving user's language differs. ControlUniqueId (component controls,
	// renumbered by Studio on save) keeps ours and stays unique within the file.
	GenericPolicy = Policy{
		Name:         "json",
		Mode:         ModeConflict,
		IdentityKeys: DefaultIdentityKeys,
		SetPaths:     []string{"$.QualifiedValues"},
		LaterKeys:    SaveTimeKeys,
		DerivedKeys:  []string{"PublishOrderIndex"},
		UniqueIDKeys: ControlIDKeys,
		lazyBase:     true,
	}
	// ComponentPolicy is GenericPolicy under its own name, for a rules row of its own
	// for Src/Components/*.json (the component's template state).
	ComponentPolicy = renamed(GenericPolicy, "component")
)

func renamed(p Policy, name string) Policy {
	p.Name = name
	return p
}

// compiled is a Policy ready for lookups.
type compiled struct {
	Policy
	sets, seqs, unique         []pattern
	identities                 []declared
	later, max, derived, idKey map[string]bool
}

func compile(p Policy) *compiled {
	c := &compiled{Policy: p}
	for _, s := range p.SetPaths {
		c.sets = append(c.sets, compilePattern(s))
	}
	for _, s := range p.SequencePaths {
		c.seqs = append(c.seqs, compilePattern(s))
	}
	for _, s := range p.UniqueIDPaths {
		c.unique = append(c.unique, compilePattern(s))
	}
	for _, e := range p.EntryIdentities {
		c.identities = append(c.identities, declared{pt: compilePattern(e.Path), fields: e.Fields})
	}
	c.later, c.max, c.derived = keySet(p.LaterKeys), keySet(p.MaxKeys), keySet(p.DerivedKeys)
	c.idKey = keySet(p.UniqueIDKeys)
	return c
}

func keySet(keys []string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[strings.TrimSpace(k)] = true
	}
	return m
}

func (c *compiled) isSet(p *path) bool { return matchAny(c.sets, p) }

func (c *compiled) isSequence(p *path) bool { return matchAny(c.seqs, p) }

func matchAny(pts []pattern, p *path) bool {
	if len(pts) == 0 {
		return false
	}
	segs := p.segs()
	for _, pt := range pts {
		if pt.matches(segs) {
			return true
		}
	}
	return false
}
