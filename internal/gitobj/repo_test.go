package gitobj

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// newRepo makes a repository with a main branch of n commits of one file that grows
// a line per commit, a side branch, an annotated tag, packed and loose references and
// a symbolic one, and returns its work tree.
func newRepo(t *testing.T, n int) string {
	t.Helper()
	needGit(t)
	dir := filepath.Join(t.TempDir(), "w")
	git(t, t.TempDir(), "init", "-q", "-b", "main", dir)
	// Each commit changes a few lines of its own: each version is closest to the
	// next, so a repack makes chains of deltas.
	lines := make([]string, 400)
	for j := range lines {
		lines[j] = "line " + strconv.Itoa(j) + " of a file that changes a little in each commit"
	}
	for i := 0; i < n; i++ {
		for j := i * 7 % 400; j < i*7%400+3; j++ {
			lines[j] += " (changed in commit " + strconv.Itoa(i) + ")"
		}
		if err := os.WriteFile(filepath.Join(dir, "f.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		git(t, dir, "add", "f.txt")
		git(t, dir, "commit", "-q", "-m", "c"+strconv.Itoa(i))
	}
	git(t, dir, "tag", "-a", "-m", "annotated", "v1", "HEAD~1")
	git(t, dir, "branch", "side", "HEAD~2")
	git(t, dir, "pack-refs", "--all")
	git(t, dir, "branch", "loose", "HEAD~1")             // loose, after packing
	git(t, dir, "update-ref", "refs/heads/side", "HEAD") // loose overrides packed
	git(t, dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/heads/main")
	return dir
}

func TestRefsAgreeWithGit(t *testing.T) {
	dir := newRepo(t, 4)
	if _, err := os.Stat(filepath.Join(dir, ".git", "packed-refs")); err != nil {
		t.Fatalf("no packed-refs: %v", err)
	}
	r, err := Open(filepath.Join(dir, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sameRefs(t, r, dir)
	sameObjects(t, r.Objects, allObjects(t, filepath.Join(dir, ".git")))
	// A detached HEAD.
	git(t, dir, "checkout", "-q", "--detach", "HEAD~1")
	sameRefs(t, r, dir)
	for _, bad := range []string{"", "main", "config", "refs/../config", "refs/heads/../../config", "refs//x", "refs/heads/main.lock", "refs/heads/.x", "/etc/passwd"} {
		if _, err := r.ResolveRef(bad); !errors.Is(err, ErrRefNotFound) {
			t.Errorf("ResolveRef(%q) = %v, want ErrRefNotFound", bad, err)
		}
	}
}

// A linked worktree has its own HEAD (and refs/bisect) in its git directory under
// the main one's worktrees/, and shares objects and other references through its
// commondir file; the work tree's .git is a "gitdir:" file.
func TestLinkedWorktree(t *testing.T) {
	dir := newRepo(t, 3)
	wt := filepath.Join(filepath.Dir(dir), "linked")
	git(t, dir, "worktree", "add", "-q", "-b", "feature", wt, "HEAD~1")
	if err := os.WriteFile(filepath.Join(wt, "g.txt"), []byte("in the worktree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, wt, "add", "g.txt")
	git(t, wt, "commit", "-q", "-m", "in the worktree")
	git(t, wt, "update-ref", "refs/bisect/bad", "HEAD")

	root, gitDir, err := FindGitDir(filepath.Join(wt))
	if err != nil {
		t.Fatal(err)
	}
	if root != wt || filepath.Base(filepath.Dir(gitDir)) != "worktrees" {
		t.Fatalf("FindGitDir(%s) = %s, %s", wt, root, gitDir)
	}
	r, err := Open(gitDir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.CommonDir != filepath.Join(dir, ".git") {
		t.Errorf("CommonDir = %s, want %s", r.CommonDir, filepath.Join(dir, ".git"))
	}
	sameRefs(t, r, wt)
	if id, err := r.ResolveRef("refs/bisect/bad"); err != nil || id.String() != git(t, wt, "rev-parse", "HEAD") {
		t.Errorf("the worktree's refs/bisect/bad = %s, %v", id, err)
	}
	main, err := Open(filepath.Join(dir, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	defer main.Close()
	sameRefs(t, main, dir)
	if _, err := main.ResolveRef("refs/bisect/bad"); !errors.Is(err, ErrRefNotFound) {
		t.Errorf("the main worktree sees the linked one's refs/bisect/bad: %v", err)
	}
}

func TestShallow(t *testing.T) {
	dir := newRepo(t, 4)
	clone := filepath.Join(t.TempDir(), "shallow")
	git(t, t.TempDir(), "clone", "-q", "--depth=2", "file://"+dir, clone)
	r, err := Open(filepath.Join(clone, ".git"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.Shallow()
	if err != nil {
		t.Fatal(err)
	}
	want := git(t, clone, "rev-parse", "HEAD~1")
	if len(got) != 1 || got[0].String() != want {
		t.Errorf("Shallow() = %v, want [%s]", got, want)
	}
}

func TestSHA256RepositoryRefused(t *testing.T) {
	needGit(t)
	dir := filepath.Join(t.TempDir(), "s.git")
	git(t, t.TempDir(), "init", "-q", "--bare", "--object-format=sha256", dir)
	_, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "SHA-1") {
		t.Errorf("Open(sha256 repository) = %v, want an error naming %s", err, dir)
	}
}

// The limits: a delta chain deeper than MaxDeltaDepth and an object larger than
// MaxObjectSize are errors naming the pack or loose file.
func TestLimits(t *testing.T) {
	dir := newRepo(t, 12)
	gitDir := filepath.Join(dir, ".git")
	git(t, dir, "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=50")
	objs := allObjects(t, gitDir)
	db, err := OpenDB(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.MaxDeltaDepth = 3
	deep := 0
	for _, o := range objs {
		_, _, err := db.Read(o.id)
		var ce *CorruptError
		if errors.As(err, &ce) && strings.Contains(err.Error(), "delta chain deeper than 3") && strings.HasSuffix(ce.File, ".pack") {
			deep++
		} else if err != nil {
			t.Errorf("%s: %v", o.id, err)
		}
	}
	if deep == 0 {
		t.Error("no object of a 12-version history has a delta chain deeper than 3")
	}

	db2, err := OpenDB(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	db2.MaxObjectSize = 1000
	big, err := ParseID(git(t, dir, "rev-parse", "HEAD:f.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db2.Read(big); err == nil || !strings.Contains(err.Error(), "over the limit of 1000") || !strings.Contains(err.Error(), ".pack") {
		t.Errorf("packed object over the limit: %v", err)
	}
	if _, err := db2.Size(big); err == nil || !strings.Contains(err.Error(), "over the limit of 1000") {
		t.Errorf("Size of a packed object over the limit: %v", err)
	}
	// The same blob loose.
	loose := filepath.Join(t.TempDir(), "l.git")
	git(t, t.TempDir(), "init", "-q", "--bare", loose)
	blob := git(t, dir, "cat-file", "blob", big.String())
	cmd := gitCmd(loose, "hash-object", "-w", "--stdin")
	cmd.Stdin = strings.NewReader(blob + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	db3, err := OpenDB(filepath.Join(loose, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer db3.Close()
	db3.MaxObjectSize = 1000
	id, _ := ParseID(strings.TrimSpace(string(out)))
	if _, _, err := db3.Read(id); err == nil || !strings.Contains(err.Error(), "over the limit of 1000") || !strings.Contains(err.Error(), loosePath(db3.dirs[0].path, id)) {
		t.Errorf("loose object over the limit: %v", err)
	}
}

// Damaged files are errors naming them: a truncated loose object, a pack whose
// entries' bytes were overwritten, an index of the wrong size.
func TestCorruptFiles(t *testing.T) {
	dir := newRepo(t, 3)
	gitDir := filepath.Join(dir, ".git")
	head, _ := ParseID(git(t, dir, "rev-parse", "HEAD:f.txt"))

	// Loose: cut the file in half.
	db, err := OpenDB(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	path := loosePath(db.dirs[0].path, head)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the blob is not loose: %v", err)
	}
	os.Chmod(path, 0o644)
	if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Read(head); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated loose object: %v", err)
	}
	db.Close()

	// Packed: overwrite the middle of the pack.
	dir = newRepo(t, 3)
	gitDir = filepath.Join(dir, ".git")
	git(t, dir, "repack", "-q", "-a", "-d")
	packs, _ := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs: %v", packs)
	}
	pb, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 12; i < len(pb)-20; i += 7 {
		pb[i] ^= 0x5a
	}
	os.Chmod(packs[0], 0o644)
	if err := os.WriteFile(packs[0], pb, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = OpenDB(filepath.Join(gitDir, "objects"))
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	ids := packIDs(t, db)
	for _, id := range ids {
		if _, _, err := db.Read(id); err != nil {
			failed++
			if !strings.Contains(err.Error(), packs[0]) {
				t.Errorf("%s: %v does not name the pack", id, err)
			}
		}
	}
	if failed == 0 {
		t.Errorf("no object of a damaged pack failed to read")
	}
	db.Close()

	// An index of the wrong size.
	idx := strings.TrimSuffix(packs[0], ".pack") + ".idx"
	ib, _ := os.ReadFile(idx)
	os.Chmod(idx, 0o644)
	os.WriteFile(idx, ib[:len(ib)-3], 0o644)
	if _, err := OpenDB(filepath.Join(gitDir, "objects")); err == nil || !strings.Contains(err.Error(), idx) {
		t.Errorf("truncated index: %v", err)
	}
}

func packIDs(t *testing.T, db *DB) []ID {
	var out []ID
	for _, p := range db.dirs[0].packs {
		for i := 0; i < p.idx.count; i++ {
			var id ID
			copy(id[:], p.idx.id(i))
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		t.Fatal("no packed objects")
	}
	return out
}
