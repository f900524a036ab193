package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// schemaViolation is one place where a .pa.yaml document breaks the v3 schema.
type schemaViolation struct {
	tokens []string // instance location: mapping keys and sequence indexes
	line   int
	msg    string
}

// yamlInstance is a YAML document as the JSON values the validator reads, with the node
// behind each JSON pointer so that a violation can name its line.
type yamlInstance struct {
	value any
	nodes map[string]*yaml.Node // pointer → value node
	keys  map[string]*yaml.Node // pointer of a mapping member → its key node
}

// instanceOf converts a parsed YAML document (the root node of yaml.Unmarshal into a
// yaml.Node) into JSON values. Mapping keys are taken as written (names are strings
// in pa.yaml whatever they look like); scalars get YAML 1.2's types, as Microsoft's
// reader gives them.
func instanceOf(doc *yaml.Node) *yamlInstance {
	in := &yamlInstance{nodes: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	in.value = in.convert(n, "", 0)
	return in
}

// maxAliasDepth bounds alias expansion: an alias chain (a "billion laughs" document)
// must not blow up memory. Studio writes no aliases at all.
const maxAliasDepth = 16

func (in *yamlInstance) convert(n *yaml.Node, ptr string, aliases int) any {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil || aliases >= maxAliasDepth {
			return nil
		}
		return in.convert(n.Alias, ptr, aliases+1)
	}
	in.nodes[ptr] = n
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if k.Kind == yaml.ScalarNode && k.Style == 0 && k.ShortTag() == "!!null" {
				name = "" // `~:` or `null:` is no name (Microsoft's reader rejects a null name)
			}
			p := ptr + "/" + escapePointer(name)
			if _, dup := m[name]; dup {
				continue // the first one counts; the parse check reports the duplicate
			}
			in.keys[p] = k
			m[name] = in.convert(v, p, aliases)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = in.convert(c, ptr+"/"+strconv.Itoa(i), aliases)
		}
		return s
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return n.Value
		}
		return v
	}
	return nil
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escapePointer(t))
	}
	return b.String()
}

// line returns the line of the deepest node on the way to tokens that exists.
func (in *yamlInstance) line(tokens []string) int {
	for i := len(tokens); i >= 0; i-- {
		if n, ok := in.nodes[pointer(tokens[:i])]; ok {
			if i > 0 && n.Kind != yaml.ScalarNode {
				if k, ok := in.keys[pointer(tokens[:i])]; ok {
					return k.Line // a member: the line of its key
				}
			}
			return n.Line
		}
	}
	return 0
}

// validatePaDoc validates one parsed document against the v3 schema. The error tree
// of a failed oneOf or if/then holds every alternative's complaint; the violations
// kept are the leaves at the deepest instance location of each branch, which is the
// value actually wrong (a formula without its `=`, a control type the schema forbids).
func validatePaDoc(doc *yaml.Node) ([]schemaViolation, error) {
	s, err := paSchema()
	if err != nil {
		return nil, err
	}
	in := instanceOf(doc)
	errs := s.validateValue(in.value)
	if len(errs) == 0 {
		return nil, nil
	}
	var leaves []*schemaError
	for _, e := range errs {
		collectLeaves(e, &leaves)
	}
	// Keep the deepest leaves: an error at a parent location beside errors inside it is
	// an alternative that was ruled out (another branch of a oneOf). The leaves left at
	// one location are the alternatives that all failed there: one violation.
	byLoc := map[string][]*schemaError{}
	var locs []string
	for _, l := range leaves {
		if deeperLeafExists(l, leaves) {
			continue
		}
		k := pointer(leafTokens(l))
		if _, ok := byLoc[k]; !ok {
			locs = append(locs, k)
		}
		byLoc[k] = append(byLoc[k], l)
	}
	var out []schemaViolation
	for _, k := range locs {
		ls := byLoc[k]
		tokens := leafTokens(ls[0])
		out = append(out, schemaViolation{tokens: tokens, line: in.line(tokens), msg: violationMessage(ls, in.valueAt(tokens))})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].line != out[j].line {
			return out[i].line < out[j].line
		}
		return pointer(out[i].tokens) < pointer(out[j].tokens)
	})
	return out, nil
}

// leafTokens is where a leaf error points: its instance location, or for an unexpected
// key or a bad name, the key itself.
func leafTokens(l *schemaError) []string {
	switch l.keyword {
	case "additionalProperties", "propertyNames":
		if len(l.names) > 0 {
			return append(append([]string(nil), l.at...), l.names[0]) // names are sorted
		}
	}
	return l.at
}

// violationMessage says what is wrong at one place. The two definitions people break
// most (a formula without its `=`, a control type) get a sentence of their own; other
// failures are the validator's own words, alternatives joined.
func violationMessage(ls []*schemaError, value any) string {
	for _, l := range ls {
		if strings.Contains(l.schema, "/definitions/pfx-formula") {
			return fmt.Sprintf("a formula must start with '=' (got %s; an empty formula is written '=')", shortValue(value))
		}
	}
	for _, l := range ls {
		if strings.Contains(l.schema, "/definitions/ControlTypeId") {
			return fmt.Sprintf("%s is not a control type the schema allows: Name or Family/Name with an optional @x.y.z version "+
				"(Label@2.5.1, Classic/Button@2.2.0), CanvasComponent or CodeComponent; AppInfo, HostControl, Screen, AppTest, "+
				"TestCase and TestSuite are not control types, CommandComponent, DataComponent and FunctionComponent not yet", shortValue(value))
		}
	}
	var msgs []string
	seen := map[string]bool{}
	for _, l := range ls {
		m := l.msg
		if l.keyword == "propertyNames" {
			// Why the name is wrong: the first reason that is not a list of reserved
			// names (a `not`, which says nothing the first sentence does not).
			var why []*schemaError
			for _, c := range l.causes {
				collectLeaves(c, &why)
			}
			for _, w := range why {
				if w.keyword != "not" {
					m += ": " + w.msg
					break
				}
			}
		}
		if !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	sort.Strings(msgs)
	msg := strings.Join(msgs, "; or ")
	switch value.(type) {
	case string, bool, int, float64, nil:
		if ls[0].keyword != "propertyNames" {
			msg += " (got " + shortValue(value) + ")"
		}
	}
	return msg
}

// shortValue quotes a scalar for a message, cut to 40 characters.
func shortValue(v any) string {
	switch v := v.(type) {
	case string:
		return "'" + truncate(v, 40) + "'"
	case nil:
		return "nothing"
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}

// valueAt returns the converted value at tokens (nil when there is none).
func (in *yamlInstance) valueAt(tokens []string) any {
	v := in.value
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			v = x[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// collectLeaves gathers the errors without causes. A propertyNames error is a leaf of
// its own: its causes judged the name as a separate value, so their locations are
// empty.
func collectLeaves(e *schemaError, out *[]*schemaError) {
	if e.keyword == "propertyNames" || len(e.causes) == 0 {
		*out = append(*out, e)
		return
	}
	for _, c := range e.causes {
		collectLeaves(c, out)
	}
}

func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(p[1:], "/")
	for i, t := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return parts
}

// deeperLeafExists reports whether another leaf lies strictly inside l's location.
func deeperLeafExists(l *schemaError, leaves []*schemaError) bool {
	for _, o := range leaves {
		if len(o.at) > len(l.at) && hasPrefix(o.at, l.at) {
			return true
		}
	}
	return false
}

func hasPrefix(s, prefix []string) bool {
	for i, p := range prefix {
		if s[i] != p {
			return false
		}
	}
	return true
}
