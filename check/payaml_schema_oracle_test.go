package check

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// canvasgit validates .pa.yaml with its own draft-07 evaluator (payaml_schema_eval.go)
// because a general library's package init costs every process start (issue 18). The
// tests keep it honest against a well-kept library, santhosh-tekuri/jsonschema v6,
// used here only: the binary never links it (cmd/canvasgit's deps test). For every
// document both must agree on valid versus invalid and on the failures: the instance
// location (JSON pointer) and keyword of every leaf of the error tree. Messages are
// left out: their wording is canvasgit's own.

// oracleSchemaURL is the schema's own $id, under which the library files the document.
const oracleSchemaURL = "http://powerapps.com/schemas/pa-yaml/v3.0/pa.schema"

// oraclePaSchema compiles the embedded schema with the library, read the way
// canvasgit reads it (compilePaSchema): the same in-memory changes, and a pattern that
// does not compile removed, as canvasgit's reader skips it.
func oraclePaSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	var doc any
	if err := yaml.Unmarshal(paSchemaYAML, &doc); err != nil {
		t.Fatal(err)
	}
	root, ok := doc.(map[string]any)
	if !ok {
		t.Fatal("embedded pa.schema.yaml: not a mapping")
	}
	if err := readPaSchemaAsDocumented(root); err != nil {
		t.Fatal(err)
	}
	dropped := dropBrokenPatterns(t, doc)
	if len(dropped) != 1 {
		t.Fatalf("patterns that do not compile: %q; canvasgit's reader skips each, so the oracle must too (TestPaSchemaBrokenPatterns)", dropped)
	}
	return oracleCompile(t, doc)
}

// dropBrokenPatterns deletes every `pattern` keyword that Go's regexp cannot compile
// and returns them. A patternProperties name that does not compile would match every
// name in canvasgit's reader, which no deletion expresses: that fails the test, to be
// looked at.
func dropBrokenPatterns(t *testing.T, v any) []string {
	var dropped []string
	var walk func(v any, inPatternProps bool)
	walk = func(v any, inPatternProps bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				if inPatternProps {
					if _, err := regexp.Compile(k); err != nil {
						t.Fatalf("patternProperties name %q does not compile", k)
					}
				}
				if s, ok := c.(string); ok && k == "pattern" && !inPatternProps {
					if _, err := regexp.Compile(s); err != nil {
						dropped = append(dropped, s)
						delete(x, k)
						continue
					}
				}
				walk(c, k == "patternProperties" && !inPatternProps)
			}
		case []any:
			for _, c := range x {
				walk(c, false)
			}
		}
	}
	walk(v, false)
	sort.Strings(dropped)
	return dropped
}

func oracleCompile(t *testing.T, doc any) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	if err := c.AddResource(oracleSchemaURL, doc); err != nil {
		t.Fatalf("library: %v", err)
	}
	s, err := c.Compile(oracleSchemaURL)
	if err != nil {
		t.Fatalf("library: %v", err)
	}
	return s
}

// A failure is keyed "pointer keyword", with the names an additionalProperties failure
// lists. A propertyNames failure is keyed by the depth of its object and the name:
// v6.0.3 stores that failure's location without copying the validator's path buffer,
// so its last tokens may be a later sibling's (and map order decides which).

func ourFailures(s *schemaNode, v any) []string {
	var leaves []*schemaError
	for _, e := range s.validateValue(v) {
		collectLeaves(e, &leaves)
	}
	out := []string{}
	for _, l := range leaves {
		switch l.keyword {
		case "propertyNames":
			out = append(out, nameFailure(len(l.at), l.names[0]))
		case "additionalProperties":
			out = append(out, pointer(l.at)+" additionalProperties "+strings.Join(l.names, ","))
		default:
			out = append(out, pointer(l.at)+" "+l.keyword)
		}
	}
	sort.Strings(out)
	return out
}

func libraryFailures(s *jsonschema.Schema, v any) []string {
	out := []string{}
	err := s.Validate(v)
	if err == nil {
		return out
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{"library error: " + err.Error()}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch k := e.ErrorKind.(type) {
		case *kind.PropertyNames:
			out = append(out, nameFailure(len(e.InstanceLocation), k.Property))
			return
		case *kind.AdditionalProperties:
			names := append([]string(nil), k.Properties...)
			sort.Strings(names)
			out = append(out, pointer(e.InstanceLocation)+" additionalProperties "+strings.Join(names, ","))
			return
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		var keyword string
		switch k := e.ErrorKind.(type) {
		case *kind.Not:
			keyword = "not"
		case *kind.FalseSchema:
			keyword = "false"
		default:
			if p := k.KeywordPath(); len(p) > 0 {
				keyword = p[len(p)-1]
			} else {
				keyword = fmt.Sprintf("%T", k) // no keyword: shows as a disagreement
			}
		}
		out = append(out, pointer(e.InstanceLocation)+" "+keyword)
	}
	walk(verr)
	sort.Strings(out)
	return out
}

func nameFailure(depth int, name string) string {
	return fmt.Sprintf("(an object at depth %d) name %q propertyNames", depth, name)
}

// oracleDiff compares both validators' failures (ourFailures, libraryFailures) on one
// value and returns what differs, or "".
func oracleDiff(a, b []string) string {
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return ""
	}
	var d strings.Builder
	if (len(a) == 0) != (len(b) == 0) {
		fmt.Fprintf(&d, "  canvasgit valid: %v, library valid: %v\n", len(a) == 0, len(b) == 0)
	}
	for _, x := range minus(a, b) {
		fmt.Fprintf(&d, "  only canvasgit: %s\n", x)
	}
	for _, x := range minus(b, a) {
		fmt.Fprintf(&d, "  only library:   %s\n", x)
	}
	return d.String()
}

// minus is the multiset difference of two sorted lists.
func minus(a, b []string) []string {
	count := map[string]int{}
	for _, x := range b {
		count[x]++
	}
	var out []string
	for _, x := range a {
		if count[x] > 0 {
			count[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

// The keyword unit documents of payaml_schema_eval_test.go, each with its own schema.
func TestSchemaOracleKeywordCases(t *testing.T) {
	type unit struct{ name, schema, doc string }
	var units []unit
	for _, c := range schemaKeywordCases {
		units = append(units, unit{c.name + " (good)", c.schema, c.good}, unit{c.name + " (bad)", c.schema, c.bad})
	}
	// TestSchemaLocationsAreCopied's document: several objects' names judged in turn.
	units = append(units, unit{"locations are copied",
		"additionalProperties: {propertyNames: {pattern: '^[a-z]+$'}, additionalProperties: {type: string}}",
		"a: {B: x}\nb: {c: x}\nc: {d: 1}\n"})
	for _, u := range units {
		var doc any
		if err := yaml.Unmarshal([]byte(u.schema), &doc); err != nil {
			t.Fatal(err)
		}
		ours, err := compileSchemaDoc(doc)
		if err != nil {
			t.Fatalf("%s: %v", u.name, err)
		}
		lib := oracleCompile(t, doc)
		n, err := parseForSchema([]byte(u.doc))
		if err != nil {
			t.Fatal(err)
		}
		v := instanceOf(n).value
		if d := oracleDiff(ourFailures(ours, v), libraryFailures(lib, v)); d != "" {
			t.Errorf("%s: schema %q, document %q:\n%s", u.name, u.schema, u.doc, d)
		}
	}
}

// Microsoft's samples and a bounded sample of the corpus's real .pa.yaml files (the
// distinct ones up to 20 kB), as written and mutated by mutatePaYaml, against the
// embedded schema.
func TestSchemaOracleCorpus(t *testing.T) {
	dir := corpus.Dir(t, "payaml")
	samples, others := oracleFiles(t, dir)
	if len(samples) == 0 && len(others) == 0 {
		t.Skipf("no .pa.yaml files in %s", dir)
	}
	ours, err := paSchema()
	if err != nil {
		t.Fatal(err)
	}
	lib := oraclePaSchema(t)
	// Every sample and every 8th distinct corpus file (sorted by path, so the sample
	// spans the repositories) is mutated; the others are compared as written.
	// A sample over 20 kB is compared as written only (each mutation validates the
	// whole file again); corpus files over 20 kB are left out, to keep the test quick.
	var mutated, asWritten []string
	for _, f := range samples {
		if fileSize(t, f) <= 20000 {
			mutated = append(mutated, f)
		} else {
			asWritten = append(asWritten, f)
		}
	}
	mutatedSamples := len(mutated)
	var small []string
	for _, f := range others {
		if fileSize(t, f) <= 20000 {
			small = append(small, f)
		}
	}
	for i, f := range small {
		if i%8 == 0 {
			mutated = append(mutated, f)
		} else {
			asWritten = append(asWritten, f)
		}
	}
	docs, invalid, disagreements := 0, 0, 0
	compare := func(name string, src []byte) {
		n, err := parseForSchema(src)
		if err != nil {
			return // not YAML: the parse check reports it, the schema never sees it
		}
		v := instanceOf(n).value
		docs++
		a := ourFailures(ours, v)
		if len(a) > 0 {
			invalid++
		}
		if d := oracleDiff(a, libraryFailures(lib, v)); d != "" {
			disagreements++
			if disagreements <= 20 {
				t.Errorf("%s:\n%s", name, d)
			}
		}
	}
	for _, f := range asWritten {
		compare(rel(dir, f), readFile(t, f))
	}
	for i, f := range mutated {
		ms := mutatePaYaml(string(readFile(t, f)))
		// A real file's mutations are thinned to at most 60, evenly spread: each one
		// validates the whole file again, and the samples already mutate every keyword.
		stride := 1
		if i >= mutatedSamples && len(ms) > 60 {
			stride = (len(ms) + 59) / 60
		}
		for j := 0; j < len(ms); j += stride {
			compare(rel(dir, f)+" "+ms[j].what, []byte(ms[j].src))
		}
	}
	if disagreements > 20 {
		t.Errorf("... %d disagreements in all", disagreements)
	}
	t.Logf("%d documents (%d samples and %d corpus files mutated, %d files as written): %d invalid, %d disagreements",
		docs, mutatedSamples, len(mutated)-mutatedSamples, len(asWritten), invalid, disagreements)
	if len(samples) > 0 && invalid < docs/4 {
		t.Errorf("only %d of %d documents invalid: the mutations no longer exercise the schema", invalid, docs)
	}
}

// oracleFiles returns Microsoft's samples (schema/examples) and the other distinct
// .pa.yaml files under dir, each sorted by path.
func oracleFiles(t *testing.T, dir string) (samples, others []string) {
	seen := map[[32]byte]bool{}
	examples := filepath.Join(dir, "schema", "examples") + string(filepath.Separator)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".pa.yaml") {
			return err
		}
		data := readFile(t, p)
		h := sha256.Sum256(data)
		if seen[h] {
			return nil
		}
		seen[h] = true
		if strings.HasPrefix(p, examples) {
			samples = append(samples, p)
		} else {
			others = append(others, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(samples)
	sort.Strings(others)
	return samples, others
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func fileSize(t *testing.T, p string) int64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return r
	}
	return p
}

type mutation struct{ what, src string }

// memberLine is a `key: value` line (possibly a sequence item's first member).
var memberLine = regexp.MustCompile(`^(\s*(?:- )?[A-Za-z][A-Za-z0-9 ]*:\s*)(\S.*)$`)

// mutatePaYaml returns the document's deterministic mutations: each non-blank line
// deleted; and for each `key: value` line, the value's `=` dropped, the value set to
// `true`, and the key renamed. They break formulas, types, required and allowed keys
// and control shapes the way hand edits and bad merges do.
func mutatePaYaml(src string) []mutation {
	lines := strings.Split(src, "\n")
	with := func(i int, line string, drop bool) string {
		v := append([]string(nil), lines...)
		if drop {
			return strings.Join(append(v[:i], v[i+1:]...), "\n")
		}
		v[i] = line
		return strings.Join(v, "\n")
	}
	var out []mutation
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, mutation{fmt.Sprintf("(line %d deleted)", i+1), with(i, "", true)})
		m := memberLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if strings.HasPrefix(m[2], "=") {
			out = append(out, mutation{fmt.Sprintf("(line %d: '=' dropped)", i+1), with(i, m[1]+m[2][1:], false)})
		}
		out = append(out, mutation{fmt.Sprintf("(line %d: value true)", i+1), with(i, m[1]+"true", false)})
		out = append(out, mutation{fmt.Sprintf("(line %d: key renamed)", i+1), with(i, strings.Replace(l, ":", "x:", 1), false)})
	}
	return out
}
