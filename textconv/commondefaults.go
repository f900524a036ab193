package textconv

import "github.com/canvasgit/canvasgit/internal/lazy"

// Defaults of pac's built-in "common" control properties.
//
// Source: commonStyleProperties.xml in Microsoft's PowerApps-Tooling (PASopa, MIT licence;
// a copy sits in the shared corpus at pasopa-data/), which pac embeds and consults when a
// template's XML includes a property through appMagic:includeProperty without giving it a
// defaultValue (format-legacy §5.2). The table below restates those 93 facts in the form
// pac ends up comparing against: %Word.RESERVED% already replaced by Word, and String
// defaults that are neither expressions nor URIs wrapped in double quotes. Entries whose
// XML property has no defaultValue (LayoutX/Y/Width/Height, Actual*) default to the empty
// string, as pac does. Only NumberOfColumns has an app-type-specific value (phone: 1); none
// has a web-specific one.

type commonProperty struct {
	name string
	def  string // default for DesktopOrTablet and Web apps
}

// commonPhoneDefault returns the phoneDefaultValue override of prop, if it has one (no
// property has a webDefaultValue).
func commonPhoneDefault(prop string) (string, bool) {
	if prop == "NumberOfColumns" {
		return "1", true
	}
	return "", false
}

var commonProperties = [...]commonProperty{
	{"Text", `""`},
	{"Image", "SampleImage"},
	{"AccessibleLabel", `""`},
	{"Role", "TextRole.Default"},
	{"Tooltip", `""`},
	{"Fill", "RGBA(0, 0, 0, 0)"},
	{"HoverFill", "RGBA(0, 0, 0, 0)"},
	{"PressedFill", "RGBA(0, 0, 0, 0)"},
	{"DisabledFill", "RGBA(0, 0, 0, 0)"},
	{"RadiusTopLeft", "0"},
	{"RadiusTopRight", "0"},
	{"RadiusBottomLeft", "0"},
	{"RadiusBottomRight", "0"},
	{"Font", "Font.'Open Sans'"},
	{"Size", "11"},
	{"FontWeight", "FontWeight.Normal"},
	{"Italic", "false"},
	{"Underline", "false"},
	{"Strikethrough", "false"},
	{"Color", "RGBA(0, 0, 0, 1)"},
	{"HoverColor", "RGBA(0, 0, 0, 1)"},
	{"PressedColor", "RGBA(0, 0, 0, 1)"},
	{"DisabledColor", "RGBA(0, 0, 0, 1)"},
	{"BorderStyle", "BorderStyle.Solid"},
	{"BorderThickness", "0"},
	{"FocusedBorderColor", "RGBA(101, 128, 187, 1)"},
	{"FocusedBorderThickness", "2"},
	{"BorderColor", "RGBA(0, 0, 0, 1)"},
	{"DisabledBorderColor", "RGBA(0, 0, 0, 1)"},
	{"HoverBorderColor", "RGBA(0, 0, 0, 1)"},
	{"PressedBorderColor", "RGBA(0, 0, 0, 1)"},
	{"Padding", "0"},
	{"PaddingTop", "0"},
	{"PaddingRight", "0"},
	{"PaddingBottom", "0"},
	{"PaddingLeft", "0"},
	{"ShowControls", "true"},
	{"Visible", "true"},
	{"Disabled", "false"},
	{"AutoDisableOnSelect", "true"},
	{"DisplayMode", "DisplayMode.Edit"},
	{"Align", "Align.Left"},
	{"VerticalAlign", "VerticalAlign.Top"},
	{"ImagePosition", "ImagePosition.Fill"},
	{"ShowValue", "true"},
	{"OnSelect", "false"},
	{"OnChange", "false"},
	{"OnStart", "false"},
	{"OnPause", "false"},
	{"OnEnd", "false"},
	{"defaultWidth", "100"},
	{"defaultHeight", "100"},
	{"minimumWidth", "10"},
	{"minimumHeight", "10"},
	{"maximumWidth", "1366"},
	{"maximumHeight", "768"},
	{"X", "0"},
	{"Y", "0"},
	{"Width", "100"},
	{"WidthFit", "false"},
	{"Height", "100"},
	{"NumberOfColumns", "3"}, // phone apps: see commonPhoneDefault
	{"SnapToColumns", "true"},
	{"LayoutX", ""},      // no default in the XML
	{"LayoutY", ""},      // no default in the XML
	{"LayoutWidth", ""},  // no default in the XML
	{"LayoutHeight", ""}, // no default in the XML
	{"ThemeColor", "RGBA(0, 176, 240, 1)"},
	{"ReadOnly", "false"},
	{"PreserveAspectRatio", "false"},
	{"TabIndex", "0"},
	{"ResizerGrip", `""`},
	{"LayoutMode", "LayoutMode.Manual"},
	{"LayoutDirection", "LayoutDirection.Horizontal"},
	{"LayoutWrap", "false"},
	{"LayoutAlignItems", "LayoutAlignItems.Start"},
	{"LayoutJustifyContent", "LayoutJustifyContent.Start"},
	{"LayoutOverflowX", "LayoutOverflow.Hide"},
	{"LayoutOverflowY", "LayoutOverflow.Hide"},
	{"LayoutGap", "0"},
	{"GrowthPortions", "0"},
	{"AlignInContainer", "AlignInContainer.SetByContainer"},
	{"LayoutMinHeight", "0"},
	{"LayoutMaxHeight", "0"},
	{"LayoutMinWidth", "0"},
	{"LayoutMaxWidth", "0"},
	{"ActualWidth", ""},  // no default in the XML
	{"ActualHeight", ""}, // no default in the XML
	{"ActualX", ""},      // no default in the XML
	{"ActualY", ""},      // no default in the XML
	{"ContentLanguage", `""`},
	{"ChildTabPriority", "true"},
	{"EnableChildFocus", "true"},
}

// commonDefaults is commonProperties by name, built when textconv first needs it: a
// map built in a package init costs every start of the binary, the merge driver's too.
var commonDefaults = lazy.Of[map[string]string]{New: func() map[string]string {
	m := make(map[string]string, len(commonProperties))
	for _, p := range commonProperties {
		m[p.name] = p.def
	}
	return m
}}

// commonDefault returns the common-table default of prop for a phone or non-phone app,
// and whether the table lists prop.
func commonDefault(prop string, phone bool) (string, bool) {
	if phone {
		if v, ok := commonPhoneDefault(prop); ok {
			return v, true
		}
	}
	v, ok := commonDefaults.Get()[prop]
	return v, ok
}
