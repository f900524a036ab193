// Package payaml is a model of the Power Fx YAML source files (`.pa.yaml`, schema v3)
// that Power Apps Studio, Dataverse git integration and `pac canvas unpack --layout
// SourceCode` write: `App:`, `Screens:`, `ComponentDefinitions:`, `DataSources:`,
// `EditorState:` (and the newer `Themes:`, `ControlStyles:`) documents of block
// mappings, `Children` sequences of one-key maps, `=formula` scalars and `|-` blocks.
//
// Parse reads a file with go.yaml.in/yaml/v3 into a small tree (Map, Seq, Scalar) that
// keeps key order and each scalar's style; Bytes writes the tree back in Studio's style
// (two-space indent, `- Name:` items indented under their key, plain `=formula`
// scalars, literal blocks for multi-line formulas) with the file's banner comment, line
// breaks (LF or CRLF), BOM and final newline. File.Exact reports whether that gives the
// input back byte for byte; it does for every Studio-written file, and a file it does
// not (hand-written comments, flow collections, blank lines between keys) must never
// be rewritten: the merge uses the line merge for it instead.
//
// Detect tells schema v3 apart from the 2021 `.pa.yaml` files in the legacy
// `Name As type:` syntax (which belong to package fxyaml) by content, never by file
// name. Objects walks the named objects of a file: the app, screens, controls (with
// their Control type and line), component definitions, data sources, themes and
// control styles; File.EditorState gives ScreensOrder and ComponentDefinitionsOrder.
//
// Errors are *SyntaxError values naming the line and, where the YAML reader gives it
// or the model finds the problem itself, the column.
//
// The format is described in the project's shared pa-yaml.md notes and in
// docs/payaml-merge.md.
package payaml
