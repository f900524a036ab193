package gate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"

	"github.com/canvasgit/canvasgit/merge"
	"github.com/canvasgit/canvasgit/merge/linemerge"
)

// The tree-level three-way merge, as git's merge-ort does it: every path changed on
// either side is resolved from its base, target ("ours", side 1) and source ("theirs",
// side 2) versions; renames are detected on each side and followed; files changed on
// both sides go through merge.File, the engine the merge driver runs.

// Conflict kinds, in the words of git's CONFLICT messages.
const (
	kindContent       = "content"
	kindAddAdd        = "add/add"
	kindModifyDelete  = "modify/delete"
	kindRenameDelete  = "rename/delete"
	kindRenameRename  = "rename/rename"
	kindRenameCollide = "rename involved in collision"
	kindFileDir       = "file/directory"
	kindDistinctTypes = "distinct types"
	kindMode          = "mode"
	kindBinary        = "binary"
	kindSubmodule     = "submodule"
	kindSymlink       = "symlink"
)

// pathState is one path during the merge: its three versions and what became of it.
type pathState struct {
	path      string
	stages    [3]entry  // base, target, source
	pathnames [3]string // the path each version came from (differs after a rename)
	matchMask uint8     // which versions were equal before renames (git's match_mask)

	pathConflict bool   // a tree-level conflict (rename/delete, rename/rename, ...)
	kind         string // conflict kind, or "" when clean
	reason       string

	done       bool
	movedTo    string   // a rename moved this path's file to movedTo
	sides      [3]entry // the versions the final resolution saw
	resolution string
	result     entry
	content    []byte // the merged bytes, when a content merge made them
	clean      bool
	refused    bool
	outcome    *merge.Outcome
	merged     bool // went through the merge engine
	markerSize int
	asidePath  string // where git moves the file aside (file/directory, distinct types)
}

// treeMerge is the result of merging three trees.
type treeMerge struct {
	paths  map[string]*pathState
	d1, d2 map[string]change // base → target, base → source
	// renames found by the merge, per side (index 1 target, 2 source)
	renames [3][]renamePair
	// extra are files the merge added at new paths (the source's side of a
	// distinct-types conflict, moved aside as git does).
	extra []*pathState
}

// merger holds what one gate run shares across the (possibly recursive) merges.
type merger struct {
	s        *store
	g        *graph
	settings merge.Settings
	labels   [3]string // base, target, source labels for conflict markers
	spans    map[gitobj.ID]spanCounts
	checks   []Checker
	progress func(stage string, done, total int) // Options.Progress
}

// advance tells Options.Progress, if any, how far the merge is.
func (m *merger) advance(stage string, done, total int) {
	if m.progress != nil {
		m.progress(stage, done, total)
	}
}

func (m *merger) mergeTrees(base, ours, theirs gitobj.ID, depth int) (*treeMerge, error) {
	tm := &treeMerge{paths: map[string]*pathState{}, d1: map[string]change{}, d2: map[string]change{}}
	if err := m.s.diffTrees(base, ours, "", tm.d1); err != nil {
		return nil, err
	}
	if err := m.s.diffTrees(base, theirs, "", tm.d2); err != nil {
		return nil, err
	}
	get := func(p string) *pathState {
		st := tm.paths[p]
		if st == nil {
			st = &pathState{path: p, pathnames: [3]string{p, p, p}}
			if c, ok := tm.d1[p]; ok {
				st.stages = [3]entry{c.base, c.side, c.base}
			} else {
				c := tm.d2[p]
				st.stages = [3]entry{c.base, c.base, c.side}
			}
			if c, ok := tm.d2[p]; ok {
				st.stages[2] = c.side
			}
			st.matchMask = matchMask(st.stages)
			tm.paths[p] = st
		}
		return st
	}
	for p := range tm.d1 {
		get(p)
	}
	for p := range tm.d2 {
		get(p)
	}

	if err := m.renames(tm, depth); err != nil {
		return nil, err
	}
	paths := sortedKeys(tm.paths)
	for i, p := range paths {
		st := tm.paths[p]
		if !st.done {
			if err := m.processEntry(tm, st, depth); err != nil {
				return nil, err
			}
		}
		if depth == 0 { // deeper merges build a virtual merge base
			m.advance("files", i+1, len(paths))
		}
	}
	m.fileDirConflicts(tm, depth)
	return tm, nil
}

// matchMask is git's match_mask: 7 all equal, 3 target equals base, 5 source equals
// base, 6 target equals source (both present), 0 all different.
func matchMask(st [3]entry) uint8 {
	side1Base := st[0].present() && st[1].present() && st[0] == st[1]
	side2Base := st[0].present() && st[2].present() && st[0] == st[2]
	sides := st[1].present() && st[2].present() && st[1] == st[2]
	switch {
	case side1Base && side2Base:
		return 7
	case side1Base:
		return 3
	case side2Base:
		return 5
	case sides:
		return 6
	}
	return 0
}

// renames detects renames on each side and moves the versions of renamed files to
// their new paths.
func (m *merger) renames(tm *treeMerge, depth int) error {
	var all []struct {
		side int
		renamePair
	}
	for side := 1; side <= 2; side++ {
		other := 3 - side
		var sources, dests []fileRef
		relevant := map[string]bool{}
		for _, p := range sortedKeys(tm.paths) {
			st := tm.paths[p]
			switch {
			case st.stages[0].present() && !st.stages[side].present():
				sources = append(sources, fileRef{p, st.stages[0]})
				if st.stages[other] != st.stages[0] {
					relevant[p] = true
				}
			case !st.stages[0].present() && st.stages[side].present():
				dests = append(dests, fileRef{p, st.stages[side]})
			}
		}
		if len(relevant) == 0 {
			continue // git skips rename detection when no rename could matter
		}
		pairs, err := m.s.detectRenames(sources, dests, relevant, m.spans)
		if err != nil {
			return err
		}
		tm.renames[side] = pairs
		for _, r := range pairs {
			all = append(all, struct {
				side int
				renamePair
			}{side, r})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].src < all[j].src })

	for i := 0; i < len(all); i++ {
		r := all[i]
		old, nw := tm.paths[r.src], tm.paths[r.dst]
		if old == nil || nw == nil || old.done {
			continue
		}
		if i+1 < len(all) && all[i+1].src == r.src {
			// Both sides renamed the same file.
			r2 := all[i+1]
			i++
			p1, p2 := r.dst, r2.dst
			if r.side == 2 {
				p1, p2 = p2, p1
			}
			if p1 == p2 {
				nw.stages[0] = old.stages[0]
				nw.pathnames[0] = old.path
				old.resolveNull()
				old.movedTo = p1
				continue
			}
			s1, s2 := tm.paths[p1], tm.paths[p2]
			res, err := m.contentMerge(old.path, [3]entry{old.stages[0], s1.stages[1], s2.stages[2]},
				[3]string{old.path, p1, p2}, depth, 1+2*depth, true)
			if err != nil {
				return err
			}
			sameAsOurs := !res.clean && res.result == s1.stages[1]
			s1.stages[1] = res.result
			s1.content = res.content
			if sameAsOurs {
				s2.content = nil // binary: each path keeps its own side
			} else {
				s2.stages[2] = res.result
				s2.content = res.content
			}
			for _, st := range []*pathState{old, s1, s2} {
				st.pathConflict = true
				st.kind = kindRenameRename
				st.reason = fmt.Sprintf("renamed to %s in %s and to %s in %s", p1, m.labels[1], p2, m.labels[2])
			}
			s1.outcome, s2.outcome = res.outcome, res.outcome
			s1.markerSize, s2.markerSize = res.markerSize, res.markerSize
			continue
		}

		t, o := r.side, 3-r.side
		sourceDeleted := !old.stages[o].present()
		collision := nw.stages[o].present()
		typeChanged := !sourceDeleted && old.stages[o].isReg() != nw.stages[t].isReg()
		if typeChanged && collision {
			collision = false
		}
		switch {
		case collision && !sourceDeleted:
			var st [3]entry
			var names [3]string
			st[0], names[0] = old.stages[0], old.path
			st[o], names[o] = old.stages[o], old.path
			st[t], names[t] = nw.stages[t], nw.path
			res, err := m.contentMerge(old.path, st, names, depth, 1+2*depth, true)
			if err != nil {
				return err
			}
			nw.stages[t] = res.result
			if !res.clean {
				nw.pathConflict = true
				nw.kind = kindRenameCollide
				nw.reason = fmt.Sprintf("%s was renamed to %s in %s with conflicting changes, and %s also has a file there", old.path, nw.path, m.labels[t], m.labels[o])
			}
		case collision && sourceDeleted:
			nw.pathConflict = true
			nw.kind = kindRenameDelete
			nw.reason = fmt.Sprintf("%s was renamed to %s in %s but deleted in %s", old.path, nw.path, m.labels[t], m.labels[o])
		default:
			nw.stages[0] = old.stages[0]
			nw.pathnames[0] = old.path
			switch {
			case typeChanged:
				old.stages[0] = entry{}
			case sourceDeleted:
				nw.pathConflict = true
				nw.kind = kindRenameDelete
				nw.reason = fmt.Sprintf("%s was renamed to %s in %s but deleted in %s", old.path, nw.path, m.labels[t], m.labels[o])
			default:
				nw.stages[o] = old.stages[o]
				nw.pathnames[o] = old.path
			}
		}
		if !typeChanged {
			old.resolveNull()
			old.movedTo = nw.path
		}
	}
	return nil
}

func (st *pathState) resolveNull() {
	st.done, st.clean, st.result = true, true, entry{}
	if st.pathConflict {
		st.clean = false
	}
}

// processEntry resolves one path from its three versions (git's process_entry).
func (m *merger) processEntry(tm *treeMerge, st *pathState, depth int) error {
	st.done = true
	s := st.stages
	st.sides = s
	switch {
	case st.matchMask != 0:
		st.clean = !st.pathConflict
		if st.matchMask == 6 {
			st.result = s[1]
			st.resolution = "same change on both sides"
		} else {
			side := 1
			if 7&^st.matchMask == 4 {
				side = 2
			}
			st.result = s[side]
			st.resolution = "took " + sideWord[side]
			if !st.result.present() {
				st.clean = true
				st.resolution = "deleted by " + sideWord[side]
			}
		}
	case s[1].present() && s[2].present() && s[1].kind() != s[2].kind():
		st.clean = false
		st.kind = kindDistinctTypes
		st.reason = fmt.Sprintf("a %s in %s and a %s in %s", typeName(s[1]), m.labels[1], typeName(s[2]), m.labels[2])
		if depth > 0 {
			st.result = s[0]
			break
		}
		// git keeps both, moving the regular file (or both) aside to path~<side>.
		st.result = s[1]
		moveA := s[1].isReg()
		moveB := !moveA && s[2].isReg()
		if !moveA && !moveB {
			moveA, moveB = true, true
		}
		bPath := st.path
		if moveA {
			st.asidePath = m.uniquePath(tm, st.path, 1, depth)
		}
		if moveB {
			bPath = m.uniquePath(tm, st.path, 2, depth)
		}
		var bBase entry
		if s[0].kind() == s[2].kind() {
			bBase = s[0]
		}
		tm.extra = append(tm.extra, &pathState{
			path: bPath, pathnames: [3]string{st.path, st.path, st.path},
			stages: [3]entry{bBase, {}, s[2]}, sides: [3]entry{bBase, {}, s[2]},
			done: true, result: s[2], kind: kindDistinctTypes, reason: st.reason, resolution: "conflict",
		})
	case s[1].present() && s[2].present():
		res, err := m.contentMerge(st.path, s, st.pathnames, depth, 2*depth, false)
		if err != nil {
			return err
		}
		st.result, st.content, st.outcome, st.merged = res.result, res.content, res.outcome, res.merged
		st.markerSize = res.markerSize
		st.clean = res.clean && !st.pathConflict
		switch {
		case res.merged:
			st.resolution = "merged"
		case res.result == s[1] && res.result == s[2]:
			st.resolution = "same change on both sides"
		case res.result.hash == s[2].hash:
			st.resolution = "took source"
		default:
			st.resolution = "took target"
		}
		st.refused = res.refused
		if !res.clean && st.kind == "" {
			st.kind, st.reason = res.kind, res.reason
			if st.kind == kindContent && !s[0].present() {
				st.kind = kindAddAdd
			}
		}
	case s[0].present() && (s[1].present() || s[2].present()):
		side := 1
		if s[2].present() {
			side = 2
		}
		st.clean = false
		if depth > 0 {
			st.result = s[0]
		} else {
			st.result = s[side]
		}
		if st.kind == "" {
			st.kind = kindModifyDelete
			st.reason = fmt.Sprintf("deleted on one side, changed on the other (changed in %s, deleted in %s)", m.labels[side], m.labels[3-side])
		}
	case s[1].present() || s[2].present():
		side := 1
		if s[2].present() {
			side = 2
		}
		st.result = s[side]
		st.clean = !st.pathConflict
		st.resolution = "took " + sideWord[side]
	default:
		st.result = entry{}
		st.clean = !st.pathConflict
		st.resolution = "deleted on both sides"
	}
	return nil
}

var sideWord = [3]string{"base", "target", "source"}

func typeName(e entry) string {
	switch e.kind() {
	case typeSymlink:
		return "symbolic link"
	case typeGitlink:
		return "submodule"
	}
	return "file"
}

// contentResult is the outcome of merging one file's three versions.
type contentResult struct {
	result  entry
	content []byte
	clean   bool
	refused bool
	merged  bool
	outcome *merge.Outcome
	kind    string
	reason  string
	// markerSize is the conflict-marker length the engine used.
	markerSize int
}

// contentMerge is git's handle_content_merge: modes first, then the contents, through
// the canvasgit engine for regular files.
// The merged blob's id is computed only when needed (needID): inside a virtual base,
// for a rename collision, or when a tree of the result is built; the report itself
// works on the bytes.
func (m *merger) contentMerge(path string, st [3]entry, names [3]string, depth, extraMarker int, needID bool) (contentResult, error) {
	o, a, b := st[0], st[1], st[2]
	res := contentResult{clean: true}
	if a.mode == b.mode || a.mode == o.mode {
		res.result.mode = b.mode
	} else {
		res.result.mode = a.mode
		if b.mode != o.mode {
			res.clean = false
			res.kind = kindMode
			res.reason = fmt.Sprintf("file mode changed on both sides (%o in %s, %o in %s)", a.mode, m.labels[1], b.mode, m.labels[2])
		}
	}
	switch {
	case a.hash == b.hash || a.hash == o.hash:
		res.result.hash = b.hash
	case b.hash == o.hash:
		res.result.hash = a.hash
	case a.isReg():
		var base []byte
		if o.kind() == a.kind() {
			var err error
			if base, err = m.s.blob(o.hash); err != nil {
				return res, err
			}
		}
		ours, err := m.s.blob(a.hash)
		if err != nil {
			return res, err
		}
		theirs, err := m.s.blob(b.hash)
		if err != nil {
			return res, err
		}
		opts := linemerge.Options{MarkerSize: 7 + extraMarker}
		opts.OursLabel, opts.TheirsLabel = m.label(1, names, depth), m.label(2, names, depth)
		opts.BaseLabel = m.label(0, names, depth)
		out := merge.File(merge.Input{Path: path, Base: base, Ours: ours, Theirs: theirs, Options: opts, Settings: m.settings})
		res.outcome, res.merged, res.markerSize = &out, true, opts.MarkerSize
		res.content = out.Merged
		if needID || depth > 0 {
			res.result.hash = m.s.putBlob(out.Merged)
		} else {
			res.result.hash = pendingID
		}
		if out.Status != merge.Clean {
			res.clean = false
			res.refused = out.Status == merge.Refused
			if res.kind == "" || res.kind == kindMode {
				res.kind = kindContent
				res.reason = ""
				if linemerge.IsBinary(base) || linemerge.IsBinary(ours) || linemerge.IsBinary(theirs) {
					res.kind = kindBinary
					res.reason = "binary content changed on both sides"
				}
			}
		}
	case a.kind() == typeGitlink:
		res.clean = false
		res.kind, res.reason = kindSubmodule, "the submodule moved to different commits on each side"
		res.result.hash = a.hash
		if depth > 0 && o.kind() != a.kind() {
			res.result = o
		}
	default: // symbolic links cannot be merged
		res.clean = false
		res.kind, res.reason = kindSymlink, "the symbolic link changed on both sides"
		if depth > 0 {
			res.result = o
		} else {
			res.result.hash = a.hash
		}
	}
	return res, nil
}

// label names a version in conflict markers: the TARGET and SOURCE names given by the
// user (with the original path after a rename), or git's names for the inner merges
// of a criss-cross history.
func (m *merger) label(i int, names [3]string, depth int) string {
	l := m.labels[i]
	if depth > 0 {
		l = [3]string{"merged common ancestors", "Temporary merge branch 1", "Temporary merge branch 2"}[i]
	}
	if names[0] != names[1] || names[1] != names[2] {
		return l + ":" + names[i]
	}
	return l
}

// fileDirConflicts finds files whose path is a folder in the merged result: git keeps
// the folder and moves the file aside to "path~<side>", a file/directory conflict.
func (m *merger) fileDirConflicts(tm *treeMerge, depth int) {
	var files []string
	for p, st := range tm.paths {
		if st.result.present() {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	for i, p := range files {
		// Paths under p/ sort right after p and the paths that share p as a prefix.
		for j := i + 1; j < len(files) && strings.HasPrefix(files[j], p); j++ {
			if !strings.HasPrefix(files[j], p+"/") {
				continue
			}
			st := tm.paths[p]
			side := 1
			if !st.stages[1].present() || (st.stages[2].present() && st.stages[2] == st.result) {
				side = 2
			}
			moved := m.uniquePath(tm, p, side, depth)
			st.clean = false
			st.pathConflict = true
			st.kind = kindFileDir
			st.asidePath = moved
			st.reason = fmt.Sprintf("%s is a file in %s and a folder on the other side; the file was moved to %s", p, m.labels[side], moved)
			break
		}
	}
}

// uniquePath is git's unique_path: path~<side's name, slashes flattened>, with _N
// appended while that path is taken.
func (m *merger) uniquePath(tm *treeMerge, p string, side, depth int) string {
	label := m.labels[side]
	if depth > 0 {
		label = [3]string{"", "Temporary merge branch 1", "Temporary merge branch 2"}[side]
	}
	base := p + "~" + strings.ReplaceAll(label, "/", "_")
	taken := func(c string) bool {
		if _, ok := tm.paths[c]; ok {
			return true
		}
		for _, st := range tm.paths {
			if st.asidePath == c {
				return true
			}
		}
		for _, st := range tm.extra {
			if st.path == c {
				return true
			}
		}
		return false
	}
	moved := base
	for n := 0; taken(moved); n++ {
		moved = fmt.Sprintf("%s_%d", base, n)
	}
	return moved
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pendingID stands for the id of merged content not hashed yet (see contentMerge).
var pendingID = gitobj.ID{0xff}

// resultTree builds the merged tree in memory from the target tree and the results.
func (m *merger) resultTree(ours gitobj.ID, tm *treeMerge) (gitobj.ID, error) {
	changes := map[string]entry{}
	for p, st := range tm.paths {
		if st.result.hash == pendingID {
			st.result.hash = m.s.putBlob(st.content)
		}
		if st.asidePath != "" {
			// The folder stays; git moves the file aside.
			changes[p] = entry{}
			changes[st.asidePath] = st.result
			continue
		}
		changes[p] = st.result
	}
	for _, st := range tm.extra {
		changes[st.path] = st.result
	}
	return m.s.buildTree(ours, changes)
}
