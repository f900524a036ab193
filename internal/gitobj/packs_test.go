package gitobj

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Objects spread over several packs and loose files, as a repository that was
// repacked incrementally has them, read as git reads them.
func TestSeveralPacksAndLoose(t *testing.T) {
	dir := newRepo(t, 3)
	git(t, dir, "repack", "-q", "-d")
	for i := 0; i < 2; i++ {
		os.WriteFile(filepath.Join(dir, "g.txt"), []byte(strings.Repeat("more "+strconv.Itoa(i)+"\n", 50)), 0o644)
		git(t, dir, "add", "g.txt")
		git(t, dir, "commit", "-q", "-m", "more")
	}
	git(t, dir, "repack", "-q", "-d")
	os.WriteFile(filepath.Join(dir, "h.txt"), []byte("loose\n"), 0o644)
	git(t, dir, "add", "h.txt")
	git(t, dir, "commit", "-q", "-m", "loose")
	gitDir := filepath.Join(dir, ".git")
	packs, _ := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "*.pack"))
	counts := git(t, dir, "count-objects", "-v")
	if len(packs) < 2 || !strings.HasPrefix(counts, "count: ") || strings.HasPrefix(counts, "count: 0\n") {
		t.Fatalf("want several packs and loose objects: %v\n%s", packs, counts)
	}
	r, err := Open(gitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	objs := allObjects(t, gitDir)
	sameObjects(t, r.Objects, objs)
	samePrefixes(t, r.Objects, gitDir, objs)
}

// git pack-objects without --delta-base-offset writes REF_DELTA entries (as in the
// packs of old servers and of bundles): a repository holding only such a pack.
func TestRefDeltaPackFromGit(t *testing.T) {
	dir := newRepo(t, 8)
	src := filepath.Join(dir, ".git")
	dest := filepath.Join(t.TempDir(), "ref.git")
	git(t, t.TempDir(), "init", "-q", "--bare", dest)
	list := gitCmd(src, "rev-list", "--objects", "--all")
	ids, err := list.Output()
	if err != nil {
		t.Fatal(err)
	}
	pack := exec.Command("git", "--git-dir", src, "pack-objects", "-q", "--window=50", "--depth=50", filepath.Join(dest, "objects", "pack", "pack"))
	pack.Stdin = strings.NewReader(string(ids))
	if out, err := pack.CombinedOutput(); err != nil {
		t.Fatalf("pack-objects: %v\n%s", err, out)
	}
	r, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	refDeltas := 0
	for _, p := range r.Objects.dirs[0].packs {
		if err := p.open(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < p.idx.count; i++ {
			off, _ := p.idx.offset(i)
			if h, err := p.header(off, DefaultMaxObjectSize); err == nil && h.typ == typeRefDelta {
				refDeltas++
			}
		}
	}
	if refDeltas == 0 {
		t.Fatal("the pack has no REF_DELTA entry")
	}
	sameObjects(t, r.Objects, allObjects(t, dest))
}
