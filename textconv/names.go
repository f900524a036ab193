package textconv

import (
	"sort"
	"strconv"
	"strings"
)

// fileNames hands out file names that are unique ignoring case (as on Windows and
// macOS, where pac adds _1, _2... to the second of two colliding names).
type fileNames struct {
	taken map[string]bool // lower-case base+ext of every name handed out
	// next remembers, per lower-case (base, ext), the suffix the last search for a
	// free name of that base stopped at. Names are only ever added, so no smaller
	// suffix can have become free since: the next search starts there, and n names
	// of one base cost n steps in all instead of n²/2 (100,000 URI resources all
	// named "a" took about 20 minutes).
	next map[[2]string]int
}

func newFileNames() *fileNames {
	return &fileNames{taken: map[string]bool{}, next: map[[2]string]int{}}
}

// unique returns base, or base_1, base_2... (the smallest suffix that is free) if
// base+ext is taken, and records it.
func (f *fileNames) unique(base, ext string) string {
	name := base
	if f.taken[strings.ToLower(base+ext)] {
		// Lowering base and ext apart is lowering the candidate: the "_<n>"
		// between them is ASCII, so no character spans the joins.
		key := [2]string{strings.ToLower(base), strings.ToLower(ext)}
		i := max(f.next[key], 1)
		for ; f.taken[key[0]+"_"+strconv.Itoa(i)+key[1]]; i++ {
		}
		f.next[key] = i + 1
		name = base + "_" + strconv.Itoa(i)
	}
	f.taken[strings.ToLower(name+ext)] = true
	return name
}

// uniqueFile returns base, or base_1, base_2... when a file of that name (ignoring
// case) was already written to dir: what pac writes on Windows, where most Power
// Platform developers unpack (on Linux the second file would overwrite the first).
func (r *renderer) uniqueFile(dir, base, ext string) string {
	if r.files == nil {
		r.files = map[string]*fileNames{}
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
