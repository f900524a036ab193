package jsonmerge

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/merge/linemerge"
	"github.com/canvasgit/canvasgit/source/jsondoc"
)

func readCase(b *testing.B, c string) (base, ours, theirs []byte) {
	d := filepath.Join("/tmp/b/in", c)
	r := func(n string) []byte {
		x, err := os.ReadFile(filepath.Join(d, n))
		if err != nil {
			b.Skip(err)
		}
		return x
	}
	return r("base"), r("ours"), r("theirs")
}

const localCase = "app_Src_Components_navigatie_component.json"

func BenchmarkLocalMerge(b *testing.B) {
	base, ours, theirs := readCase(b, localCase)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Merge(base, ours, theirs, ComponentPolicy, linemerge.Options{MarkerSize: 7}); err != nil {
			b.Fatal(err)
		}
	}
}

type nopB struct{}

func (nopB) Scalar(s jsondoc.Scalar) struct{}                     { return struct{}{} }
func (nopB) Array(e []struct{}, st jsondoc.Pos, end int) struct{} { return struct{}{} }
func (nopB) Object(m []jsondoc.Member[struct{}], st jsondoc.Pos, end int) (struct{}, error) {
	return struct{}{}, nil
}

func BenchmarkLocalParseNop(b *testing.B) {
	base, _, _ := readCase(b, localCase)
	b.ReportAllocs()
	for b.Loop() {
		jsondoc.Parse[struct{}](base, nopB{}, jsondoc.Options{Share: true})
	}
}

func BenchmarkLocalParseNode(b *testing.B) {
	base, _, _ := readCase(b, localCase)
	b.ReportAllocs()
	for b.Loop() {
		parseDoc(base, false, nil, nil)
	}
}

func BenchmarkLocalUTF8(b *testing.B) {
	base, _, _ := readCase(b, localCase)
	for b.Loop() {
		utf8.Valid(base)
	}
}
