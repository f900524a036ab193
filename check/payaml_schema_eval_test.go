package check

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// schemaFailures compiles a schema written in YAML and returns the leaf failures of a
// YAML instance as "location keyword" lines, sorted as validatePaDoc sees them.
func schemaFailures(t *testing.T, schema, instance string) []string {
	t.Helper()
	var doc any
	if err := yaml.Unmarshal([]byte(schema), &doc); err != nil {
		t.Fatal(err)
	}
	s, err := compileSchemaDoc(doc)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	n, err := parseForSchema([]byte(instance))
	if err != nil {
		t.Fatal(err)
	}
	var leaves []*schemaError
	for _, e := range s.validateValue(instanceOf(n).value) {
		collectLeaves(e, &leaves)
	}
	var out []string
	for _, l := range leaves {
		out = append(out, pointer(l.at)+" "+l.keyword)
	}
	return out
}

// schemaKeywordCases are each keyword the reader implements, with a value it accepts
// and one it refuses (want: the refused value's leaf failures, comma-separated). The
// oracle test (payaml_schema_oracle_test.go) runs them through the library too.
var schemaKeywordCases = []struct {
	name, schema, good, bad, want string
}{
	{"type integer", "type: integer", "3", "3.5", " type"},
	{"type number takes integers", "type: number", "3", "x", " type"},
	{"type list", "type: [string, 'null']", "~", "1", " type"},
	{"enum", "enum: [a, 1]", "1", "b", " enum"},
	{"const", "const: {k: [1]}", "{k: [1.0]}", "{k: [2]}", " const"},
	{"pattern", "pattern: '^a+$'", "aa", "ab", " pattern"},
	{"minLength counts characters", "minLength: 2", "éé", "é", " minLength"},
	{"maxLength", "maxLength: 1", "a", "ab", " maxLength"},
	{"required", "required: [a]", "a: 1", "b: 1", " required"},
	{"minProperties", "minProperties: 1", "a: 1", "{}", " minProperties"},
	{"maxProperties", "maxProperties: 1", "a: 1", "{a: 1, b: 2}", " maxProperties"},
	{"minItems", "minItems: 1", "[1]", "[]", " minItems"},
	{"maxItems", "maxItems: 1", "[1]", "[1, 2]", " maxItems"},
	{"properties", "properties: {a: {type: string}}", "a: x", "a: 1", "/a type"},
	{"patternProperties", "patternProperties: {'^x': {type: string}}", "{xa: s, b: 1}", "xa: 1", "/xa type"},
	{"additionalProperties false", "properties: {a: {}}\nadditionalProperties: false", "a: 1", "{a: 1, b: 2}", " additionalProperties"},
	{"additionalProperties schema", "properties: {a: {}}\nadditionalProperties: {type: string}", "b: x", "b: 1", "/b type"},
	{"propertyNames", "propertyNames: {pattern: '^[a-z]+$'}", "ab: 1", "A: 1", " propertyNames"},
	{"items", "items: {type: string}", "[a]", "[a, 1]", "/1 type"},
	{"allOf", "allOf: [{type: string}, {minLength: 2}]", "ab", "a", " minLength"},
	{"anyOf", "anyOf: [{type: string}, {type: boolean}]", "true", "1", " type, type"},
	{"oneOf none", "oneOf: [{type: string}, {type: boolean}]", "x", "1", " type, type"},
	{"oneOf two", "oneOf: [{type: string}, {minLength: 1}]", "1", "x", " oneOf"},
	{"not", "not: {const: x}", "y", "x", " not"},
	{"if then", "if: {required: [a]}\nthen: {required: [b]}", "{a: 1, b: 2}", "a: 1", " required"},
	{"if else", "if: {required: [a]}\nelse: {required: [c]}", "a: 1", "b: 1", " required"},
	{"false schema", "properties: {a: false}", "b: 1", "a: 1", "/a false"},
	{"recursive $ref", "definitions:\n  n: {type: object, additionalProperties: {$ref: '#/definitions/n'}}\n$ref: '#/definitions/n'", "a: {b: {}}", "a: {b: 1}", "/a/b type"},
	{"$ref ignores its siblings (draft-07)", "definitions: {s: {type: string}}\n$ref: '#/definitions/s'\nminLength: 5", "ab", "1", " type"},
}

// Each keyword the reader implements, with a value it accepts and one it refuses.
func TestSchemaKeywords(t *testing.T) {
	for _, c := range schemaKeywordCases {
		t.Run(c.name, func(t *testing.T) {
			if got := schemaFailures(t, c.schema, c.good); len(got) != 0 {
				t.Errorf("%s: %v, want valid", c.good, got)
			}
			// The leaf failures, comma-separated: a failed anyOf or oneOf has one per
			// alternative.
			if got := schemaFailures(t, c.schema, c.bad); strings.Join(got, ",") != c.want {
				t.Errorf("%s: %q, want %q", c.bad, got, c.want)
			}
		})
	}
}

// A schema the reader cannot read fully is an error naming the place, not a schema
// that checks less than it says.
func TestSchemaCompileErrors(t *testing.T) {
	cases := []struct{ schema, want string }{
		{"properties: {a: {format: email}}", "#/properties/a/format: keyword not supported"},
		{"$ref: '#/definitions/none'", "no such definition"},
		{"$ref: 'other.json#/x'", "not a reference inside the schema"},
		{"items: 3", "#/items: a schema must be a mapping or a boolean"},
		{"minLength: -1", "#/minLength: not a count"},
		{"oneOf: []", "#/oneOf: not a non-empty list"},
	}
	for _, c := range cases {
		var doc any
		if err := yaml.Unmarshal([]byte(c.schema), &doc); err != nil {
			t.Fatal(err)
		}
		if _, err := compileSchemaDoc(doc); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.schema, err, c.want)
		}
	}
}

// Leaf locations are copies: a failure's location is not overwritten by the
// validation of a later sibling (the bug of santhosh-tekuri/jsonschema v6.0.3 that
// canvasgit used to repair after the fact).
func TestSchemaLocationsAreCopied(t *testing.T) {
	schema := "additionalProperties: {propertyNames: {pattern: '^[a-z]+$'}, additionalProperties: {type: string}}"
	got := schemaFailures(t, schema, "a: {B: x}\nb: {c: x}\nc: {d: 1}\n")
	want := []string{"/a propertyNames", "/c/d type"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %q, want %q", got, want)
	}
}
