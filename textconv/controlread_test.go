package textconv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// fullControlFile is the reading decodeControlItems replaces: the whole file
// parsed into the model, then converted.
func fullControlFile(data []byte) (*item, fileTemplates, error) {
	v, err := parseJSON(data)
	if err != nil {
		return nil, fileTemplates{}, err
	}
	return controlFromModel(v)
}

// withoutTemplateNotes returns a copy of the item tree without what only
// decodeControlItems sets (ctName, ctTemplate).
func withoutTemplateNotes(it *item) *item {
	if it == nil {
		return nil
	}
	c := *it
	c.ctName, c.ctTemplate = "", nil
	c.Children = nil
	for _, k := range it.Children {
		c.Children = append(c.Children, withoutTemplateNotes(k))
	}
	return &c
}

// sameDecoding fails the test unless decodeControl gives what the whole reading
// gives: the same error, or the same item and templates. It returns whether
// decodeControlItems took the file itself.
func sameDecoding(t *testing.T, what string, data []byte) (typed bool) {
	t.Helper()
	wantIt, wantTmpl, wantErr := fullControlFile(data)
	for _, share := range []bool{true, false} {
		_, ferr := decodeControlItems(append([]byte(nil), data...), share)
		typed = ferr == nil
		if typed && wantErr != nil {
			t.Errorf("%s (share %v): the typed reading decodes a file the whole one does not (%v)", what, share, wantErr)
		}
		it, tmpl, err := decodeControl(append([]byte(nil), data...), share)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s (share %v): error %v, the whole reading's %v", what, share, err, wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if got := withoutTemplateNotes(it); !reflect.DeepEqual(got, wantIt) {
			t.Errorf("%s (share %v): item %+v, the whole reading's %+v", what, share, got, wantIt)
		}
		if !reflect.DeepEqual(tmpl, wantTmpl) {
			t.Errorf("%s (share %v): templates %+v, the whole reading's %+v", what, share, tmpl, wantTmpl)
		}
	}
	return typed
}

// TestDecodeControlAgrees: decodeControl (the typed reading, else the whole one)
// decodes every control file of the corpus, and hand-made files with duplicate and
// oddly cased keys, keys that are not ASCII, values of the wrong type and damage in
// the members it passes over, to the same item and templates as the whole reading,
// or fails with the same error.
func TestDecodeControlAgrees(t *testing.T) {
	for _, c := range []string{
		`{"TopParent":{"Name":"S","Template":{"Name":"screen","Extra":[1,{"a":"b"}]},"ControlPropertyState":[{"x":1}],
			"Rules":[{"Property":"Fill","Category":"Design","InvariantScript":"Red","RuleProviderType":"Unknown"}],
			"Children":[{"Name":"L","Template":{"Name":"label"},"Parent":"S","Rules":[]}]}}`,
		`{"Other":[1,2],"topparent":{"NAME":"S","name":"T","TEMPLATE":{"Name":"a"},"template":null,"Children":[],"children":[{"Name":"C","Template":{"Name":"hostControl"}}]}}`,
		`{"TopParent":{"Name":"S","Rules":[null,{"property":"X","INVARIANTSCRIPT":"1","Property":"Y"}],"DynamicProperties":[{"PropertyName":"P","Rule":{"Property":"P","InvariantScript":"2","Category":"x"}}]}}`,
		"\ufeff" + `{"TopParent":{"Name":"S","Chİldren":[{"Name":"K"}],"Nåme":"x","Rules":[{"Prоperty":"Cyrillic o","Property":"P"}]}}`,
		`{"TopParent":{"Name":"S","Index":1.50,"ControlUniqueId":"7","IsGroupControl":true,"GroupedControlsKey":["a"],"VariantName":"v","StyleName":"s"}}`,
		`{"TopParent":{"Name":"S"},"TopParent":{"Name":"T","Children":[{"Name":"U","Children":[{"Name":"V","Template":{"Name":"x"}}]}]}}`,
		`{"TopParent":{"Name":"S","name":null,"Template":{"Name":"hostControl"},"Children":[{"Name":"C","Template":{"Name":"hostControl"},"template":null}],
			"Rules":[{"Property":"X","InvariantScript":"1","invariantscript":null},{"Property":"Y","InvariantScript":"2","property":null}]}}`,
		// Not decodable: the same error as the whole reading's.
		`{"TopParent":{"Name":"S","ControlPropertyState":"bad \q escape"}}`,
		`{"TopParent":{"Name":"S","Rules":[{"Property":"X","Category":"\u12G4"}]}}`,
		`{"TopParent":{"Name":1,"Parent":"unterminated}}`,
		`{"TopParent":{"Name":"S","Rules":[{"Property":1}],"Skipped":[1,}}`,
		`{"TopParent":{"Name":"S","Rules":{"Property":"X"}}}`,
		`{"TopParent":{"Name":"S","Children":[1]}}`,
		`{"TopParent":{"Name":"S","Children":[null]}}`,
		`{"TopParent":{"Name":"","Parent":[]}}`,
		`{"TopParent":null}`, `[]`, `{}`, `{"TopParent":{"Name":"S"}} x`,
		`{"TopParent":{"Name":"S","Parent":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}}`,
	} {
		sameDecoding(t, c, []byte(c))
	}
	n, typed := 0, 0
	for _, a := range corpusArchives(t) {
		for _, folder := range []string{"Controls", "Components", "AppTests"} {
			for _, e := range a.Under(folder) {
				data, err := a.Read(e)
				if err != nil {
					break
				}
				if sameDecoding(t, a.name+" "+e.Name, data) {
					typed++
				}
				n++
			}
		}
		a.Close()
	}
	t.Logf("%d corpus control files, %d decoded by the typed reading", n, typed)
	if typed < n*9/10 {
		t.Errorf("the typed reading took only %d of %d corpus control files", typed, n)
	}
}

// TestDecodeControlItemsTakesUsualFiles: the typed reading decodes usual files
// itself, and leaves the unusual ones to the whole reading.
func TestDecodeControlItemsTakesUsualFiles(t *testing.T) {
	for _, c := range []struct {
		doc   string
		typed bool
	}{
		{`{"TopParent":{"Name":"S","Rules":[{"Property":"X","InvariantScript":"1","Category":"c"}],"ControlPropertyState":[{"a":"\u00e9"}]}}`, true},
		{`{"Type":1,"TopParent":{"Name":"S","Children":[{"Name":"L","Template":{"Name":"label"}}]}}`, true},
		{`{"TopParent":{"Name":"S"},"TopParent":{"Name":"T"}}`, false},
		{`{"TopParent":{"Name":"S","Nåme":"x"}}`, false},
		{`{"TopParent":{"Name":"S","Rules":{}}}`, false},
		{`{"TopParent":{"Name":"S","Children":[null]}}`, false},
		{`{"TopParent":{"Name":""}}`, false},
	} {
		_, err := decodeControlItems([]byte(c.doc), true)
		if (err == nil) != c.typed {
			t.Errorf("%s: typed reading error %v, want typed %v", c.doc, err, c.typed)
		}
		if err != nil && !errors.Is(err, errUnusual) {
			t.Errorf("%s: %v, want errUnusual", c.doc, err)
		}
	}
}

// TestKeysSorted: writeJSON writes an object as it is only when its keys are in
// the canonical order already, and sorts a copy (leaving the object) otherwise.
func TestKeysSorted(t *testing.T) {
	for _, c := range []struct {
		keys   []string
		sorted bool
	}{
		{nil, true}, {[]string{"a"}, true}, {[]string{"a", "b", "b"}, true},
		{[]string{"Name", "Type", "ZIndex"}, true}, {[]string{"b", "a"}, false}, {[]string{"a", "c", "b"}, false},
	} {
		o := object{}
		for i, k := range c.keys {
			o = append(o, kv{k, json.Number(strconv.Itoa(i))})
		}
		if got := keysSorted(o); got != c.sorted {
			t.Errorf("%v: keysSorted %v", c.keys, got)
		}
		before := fmt.Sprint(o)
		out := string(canonicalJSON(o))
		if fmt.Sprint(o) != before {
			t.Errorf("%v: writing changed the object", c.keys)
		}
		if len(c.keys) > 1 && !c.sorted && strings.Index(out, `"a"`) > strings.Index(out, `"b"`) {
			t.Errorf("%v: written unsorted: %s", c.keys, out)
		}
	}
}

// corpusApp is a corpus app opened as an archive.
type corpusApp struct {
	name string // the file's base name
	*Archive
}

// corpusArchives opens every corpus app that opens (closed when the test ends).
func corpusArchives(t *testing.T) []corpusApp {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpus.Dir(t, "msapp"), "*.msapp"))
	var out []corpusApp
	for _, f := range files {
		a, err := Open(f, DefaultLimits)
		if err != nil {
			continue
		}
		t.Cleanup(func() { a.Close() })
		out = append(out, corpusApp{filepath.Base(f), a})
	}
	return out
}

// TestFxSizeCoversText: fxFile's buffer is sized for the whole text (no regrowth),
// and not much more, on every corpus screen and component that decodes.
func TestFxSizeCoversText(t *testing.T) {
	n := 0
	for _, a := range corpusArchives(t) {
		for _, folder := range []string{"Controls", "Components"} {
			for _, e := range a.Under(folder) {
				data, err := a.Read(e)
				if err != nil {
					break
				}
				it, _, err := decodeScreenTop(data)
				if err != nil {
					continue
				}
				b := &builder{components: map[string]string{}, hidden: map[string]map[string]bool{}, screens: map[string]string{}}
				blk := b.build(it, nil)
				blk.Canonicalize()
				est, text := fxSize(blk, 0), fxFile(blk)
				if est < len(text) || est > 2*len(text)+64 {
					t.Errorf("%s %s: estimated %d bytes for %d", a.name, e.Name, est, len(text))
				}
				n++
			}
		}
		a.Close()
	}
	t.Logf("%d files", n)
}

// TestStudioKeys: every key studioKey takes is lower-cased as key would lower-case it.
func TestStudioKeys(t *testing.T) {
	for _, k := range []string{"TopParent", "Name", "Type", "Template", "Index", "PublishOrderIndex", "VariantName",
		"LayoutName", "MetaDataIDKey", "PersistMetaDataIDKey", "IsFromScreenLayout", "StyleName", "Parent",
		"IsDataControl", "IsGroupControl", "IsAutoGenerated", "PropToDynamicType", "Rules", "ControlPropertyState",
		"IsLocked", "ControlUniqueId", "Children", "ControlThisItemType", "GroupedControlsKey", "DynamicProperties",
		"HasDynamicProperties", "Property", "Category", "InvariantScript", "RuleProviderType", "NameMap"} {
		got, ok := studioKey(k)
		if !ok || got != strings.ToLower(k) {
			t.Errorf("studioKey(%q) = %q, %v", k, got, ok)
		}
	}
	if _, ok := studioKey("name"); ok {
		t.Error("studioKey takes a key Studio does not spell so")
	}
}

// TestJSONOutChunks: JSON written to a writer in chunks, long strings and canonical
// text passed straight through, is the text canonicalJSON builds in one buffer.
func TestJSONOutChunks(t *testing.T) {
	long := strings.Repeat("x\"y\u00e9", jsonChunk/2)
	var list []any
	for i := range 5000 {
		list = append(list, object{{"b", strconv.Itoa(i)}, {"a", json.Number("1.50")}, {"c", []any{true, nil}}})
	}
	v := object{{"z", long}, {"list", list}, {"text", canonicalText(`"` + strings.Repeat("t", 2*jsonChunk) + `"`)}, {"e", object{}}}
	var w bytes.Buffer
	o := jsonOut{w: &w}
	writeJSON(&o, v, 0)
	o.flush()
	want := canonicalJSON(v)
	if !bytes.Equal(w.Bytes(), want) {
		t.Fatalf("chunked: %d bytes, in one buffer %d", w.Len(), len(want))
	}
	if cap(o.buf) > 4*jsonChunk {
		t.Errorf("the chunk buffer grew to %d bytes", cap(o.buf))
	}
}
