package jsonmerge

// Policies for the JSON files of an msapp kept unzipped: the `<schema>_DocumentUri/`
// folder of Power Platform's git integration and the `msapp/` entries of a
// `pac canvas unpack --layout SourceCode` .msapr (docs/merge.md, "Git integration and
// SourceCode layouts").
var (
	// ControlsPolicy is for Controls/<id>.json and Components/<id>.json: one top control
	// (a screen, the App, a component definition) with its children, keyed by Name;
	// Rules keyed by Property, ControlPropertyState entries by themselves or by
	// InvariantPropertyName. The ids Studio hands out (ControlUniqueId, digit strings)
	// keep ours where both sides changed one and stay unique within the file, as in
	// the legacy folder's component JSON; PublishOrderIndex, renumbered on every save,
	// keeps ours; LastModifiedTimestamp takes the later value. Other overlaps are
	// conflicts.
	ControlsPolicy = renamed(GenericPolicy, "controls")

	// PropertiesPolicy is for the msapp's Properties.json, the app-wide settings the
	// legacy folder keeps in CanvasManifest.json's Properties: the same rules, plus
	// the values Studio measures or counts on every save (ControlCount, the load
	// times), which keep ours. LocalConnectionReferences and LocalDatabaseReferences
	// (the app's connections) changed differently on both sides are refused.
	PropertiesPolicy = Policy{
		Name:         "app properties",
		Mode:         ModeRefuse,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
		MaxKeys:      ManifestPolicy.MaxKeys,
		DerivedKeys:  append(append([]string(nil), ManifestPolicy.DerivedKeys...), "ControlCount", "DeserializationLoadTime", "AnalysisLoadTime"),
	}

	// MsappHeaderPolicy is for the msapp's Header.json: versions and the save time.
	// Never a conflict: the later save time wins, versions take the larger value, any
	// other overlap keeps ours.
	MsappHeaderPolicy = Policy{
		Name:         "save header",
		Mode:         ModeKeepOurs,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
		MaxKeys:      []string{"DocVersion", "MinVersionToLoad", "MSAppStructureVersion", "MsaprStructureVersion"},
	}

	// PublishInfoPolicy is for Resources/PublishInfo.json (app name, icon, colours,
	// the saving user's locale as it was at the last publish): ours wins each overlap.
	PublishInfoPolicy = Policy{
		Name:         "publish info",
		Mode:         ModeKeepOurs,
		IdentityKeys: DefaultIdentityKeys,
		LaterKeys:    SaveTimeKeys,
	}

	// IdentityMapPolicy is for <schema>_AdditionalUris0_identity.json, one object
	// mapping each control name to the GUID Dataverse knows it by. Members are merged
	// as a union; a name both sides mapped to different GUIDs is a conflict. That no
	// GUID ends up under two names is checked by the caller (merge.identityMap).
	IdentityMapPolicy = Policy{
		Name:         "identity map",
		Mode:         ModeConflict,
		IdentityKeys: DefaultIdentityKeys,
	}
)
