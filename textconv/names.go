package textconv

import (
	"fmt"
	"sort"
	"strings"
)

// fileNames hands out file names that are unique ignoring case (as on Windows and
// macOS, where pac adds _1, _2... to the second of two colliding names).
type fileNames map[string]bool

func newFileNames() fileNames { return fileNames{} }

// unique returns base, or base_1, base_2... if base+ext is taken, and records it.
func (f fileNames) unique(base, ext string) string {
	name := base
	for i := 1; f[strings.ToLower(name+ext)]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	f[strings.ToLower(name+ext)] = true
	return name
}

// uniqueFile returns base, or base_1, base_2... when a file of that name (ignoring
// case) was already written to dir: what pac writes on Windows, where most Power
// Platform developers unpack (on Linux the second file would overwrite the first).
func (r *renderer) uniqueFile(dir, base, ext string) string {
	if r.files == nil {
		r.files = map[string]fileNames{}
	}
	names, ok := r.files[dir]
	if !ok {
		names = newFileNames()
		r.files[dir] = names
	}
	return names.unique(base, ext)
}

// nameScreenFiles gives the App and the screens their Src/ file names. pac writes
// them in archive order, which decides who gets a _1 suffix; the sections come in
// ScreenOrder.
func (r *renderer) nameScreenFiles(p *app) {
	position := make(map[*Entry]int, len(r.a.Entries))
	for i, e := range r.a.Entries {
		position[e] = i
	}
	var tops []*topParent
	if p.appControl != nil {
		tops = append(tops, p.appControl)
	}
	for i := range p.screens {
		tops = append(tops, &p.screens[i])
	}
	sort.SliceStable(tops, func(i, j int) bool { return position[tops[i].entry] < position[tops[j].entry] })
	for _, tp := range tops {
		tp.file = "Src/" + r.uniqueFile("Src/", topParentFileName(tp.name), ".fx.yaml") + ".fx.yaml"
	}
}
