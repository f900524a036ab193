package check

import (
	_ "embed"
	"fmt"
	"regexp"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// The v3 schema is Microsoft's published pa.schema.yaml (paschema/SOURCE.md), embedded
// so that check and the gate need neither the network nor a copy of the tooling
// repository. It is a JSON Schema (draft-07) written in YAML.
//
//go:embed paschema/pa.schema.yaml
var paSchemaYAML []byte

// paSchemaURL is the schema's own $id; the compiler files the document under it.
const paSchemaURL = "http://powerapps.com/schemas/pa-yaml/v3.0/pa.schema"

var paSchemaOnce struct {
	sync.Once
	schema *jsonschema.Schema
	err    error
}

// paSchema returns the compiled v3 schema (compiled once per process).
func paSchema() (*jsonschema.Schema, error) {
	paSchemaOnce.Do(func() {
		paSchemaOnce.schema, paSchemaOnce.err = compilePaSchema(paSchemaYAML)
	})
	return paSchemaOnce.schema, paSchemaOnce.err
}

// compilePaSchema compiles the schema document, read the way canvasgit documents it
// (docs/check.md, "Schema v3 validation"):
//
//   - The root also accepts `Themes` and `ControlStyles`: Microsoft's reader
//     (PaModule) has both and its own samples use them, but the published schema's
//     root, which allows no other key, does not list them yet.
//   - `Control: Component` is read as `CanvasComponent`: it is the canvas-component
//     type id's older spelling (the schema renamed it in PowerApps-Tooling #761, "as
//     this was changed a while ago"), and Microsoft's samples still write it.
//   - A CommandComponent definition may carry `AccessAppScope`, as a CanvasComponent
//     may: the reader's model has one shape for both types, and Microsoft's sample of
//     every keyword (FullSchemaUses/ComponentDefinitions.pa.yaml) sets it on one.
//   - A `pattern` that is not a regular expression constrains nothing. The published
//     CodeComponent ComponentName pattern has an unbalanced parenthesis, so no engine
//     compiles it; guessing its intent would reject Microsoft's own sample
//     (`ComponentName: MyHeaderComponent`), so canvasgit skips it rather than calling
//     every PCF control invalid. TestPaSchemaBrokenPatterns pins which patterns those are.
func compilePaSchema(src []byte) (*jsonschema.Schema, error) {
	var doc any
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("embedded pa.schema.yaml: %v", err)
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("embedded pa.schema.yaml: not a mapping")
	}
	if err := readPaSchemaAsDocumented(root); err != nil {
		return nil, fmt.Errorf("embedded pa.schema.yaml: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.UseRegexpEngine(lenientRegexp)
	if err := c.AddResource(paSchemaURL, doc); err != nil {
		return nil, fmt.Errorf("embedded pa.schema.yaml: %v", err)
	}
	s, err := c.Compile(paSchemaURL)
	if err != nil {
		return nil, fmt.Errorf("embedded pa.schema.yaml: %v", err)
	}
	return s, nil
}

// lenientRegexp compiles a schema pattern with Go's regexp (RE2: the schema's patterns
// use only the ECMAScript subset RE2 shares); a pattern that does not compile matches
// everything (see compilePaSchema).
func lenientRegexp(s string) (jsonschema.Regexp, error) {
	re, err := regexp.Compile(s)
	if err != nil {
		return anyText{s}, nil
	}
	return re, nil
}

// anyText is the Regexp of a pattern that does not compile: it matches every string.
type anyText struct{ src string }

func (anyText) MatchString(string) bool { return true }
func (a anyText) String() string        { return a.src }

// readPaSchemaAsDocumented makes the in-memory changes compilePaSchema lists. Each
// one checks that the schema still has the shape it changes, so that a new schema
// version is looked at rather than silently read differently.
func readPaSchemaAsDocumented(root map[string]any) error {
	props, ok := root["properties"].(map[string]any)
	if !ok {
		return fmt.Errorf("no root properties")
	}
	for _, k := range []string{"Themes", "ControlStyles"} {
		if _, has := props[k]; !has {
			props[k] = map[string]any{"type": "object"}
		}
	}
	defs, ok := root["definitions"].(map[string]any)
	if !ok {
		return fmt.Errorf("no definitions")
	}
	cc, ok := defs["ControlTypeId-CanvasComponent"].(map[string]any)
	if !ok || cc["const"] != "CanvasComponent" {
		return fmt.Errorf("ControlTypeId-CanvasComponent is no longer const CanvasComponent")
	}
	delete(cc, "const")
	cc["enum"] = []any{"CanvasComponent", "Component"}
	def, ok := defs["ComponentDefinition-instance"].(map[string]any)
	if !ok {
		return fmt.Errorf("no ComponentDefinition-instance")
	}
	branches, _ := def["allOf"].([]any)
	patched := false
	for _, b := range branches {
		bm, _ := b.(map[string]any)
		ifs, _ := bm["if"].(map[string]any)
		ifProps, _ := ifs["properties"].(map[string]any)
		dt, _ := ifProps["DefinitionType"].(map[string]any)
		if dt["const"] != "CommandComponent" {
			continue
		}
		then, _ := bm["then"].(map[string]any)
		thenProps, ok := then["properties"].(map[string]any)
		if !ok {
			break
		}
		thenProps["AccessAppScope"] = map[string]any{"type": "boolean"}
		patched = true
	}
	if !patched {
		return fmt.Errorf("no CommandComponent branch in ComponentDefinition-instance")
	}
	return nil
}
