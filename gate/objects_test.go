package gate

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// The gate's own object decoding agrees with git: every tree of a history decodes to
// the entries `git ls-tree` lists and encodes back to its own id, and every commit's
// tree, parents and committer time are what `git log` says, signed and merge commits
// included.
func TestObjectsAgreeWithGit(t *testing.T) {
	r := newTestRepo(t)
	r.commit("one", map[string]string{"a": "1\n", "dir/b": "2\n", "dir.x": "3\n", "run.sh": "\x00x#!/bin/sh\n"})
	r.git("checkout", "-q", "-b", "side")
	r.commit("side", map[string]string{"a": "1\n", "dir/b": "2\n", "dir.x": "3\n", "run.sh": "\x00x#!/bin/sh\n", "dir/c/d": "4\n"})
	r.git("checkout", "-q", "main")
	r.commit("two", map[string]string{"a": "2\n", "dir/b": "2\n", "dir.x": "3\n", "run.sh": "\x00x#!/bin/sh\n"})
	r.git("merge", "-q", "--no-edit", "side")
	// A commit with a multi-line header (as gpgsig is) between committer and message.
	raw := "tree " + r.git("rev-parse", "HEAD^{tree}") + "\nparent " + r.git("rev-parse", "HEAD") +
		"\nauthor A <a@example.com> 1700000000 +0100\ncommitter C <c@example.com> 1700000123 -0500\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n parent 0000000000000000000000000000000000000000\n -----END PGP SIGNATURE-----\n\nsigned\n"
	rawFile := filepath.Join(t.TempDir(), "commit")
	if err := os.WriteFile(rawFile, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	signed := r.git("hash-object", "-t", "commit", "-w", rawFile)
	r.git("update-ref", "refs/heads/signed", signed)
	r.git("tag", "-a", "-m", "annotated", "v1", "signed")

	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	for _, line := range strings.Split(r.git("log", "--all", "--format=%H %T %ct %P"), "\n") {
		f := strings.Fields(line)
		c, err := getCommit(repo.objects(), gitobj.MustParseID(f[0]))
		if err != nil {
			t.Fatalf("commit %s: %v", f[0], err)
		}
		var parents []string
		for _, p := range c.ParentHashes {
			parents = append(parents, p.String())
		}
		if c.TreeHash.String() != f[1] || strconv.FormatInt(c.CommitterTime, 10) != f[2] || strings.Join(parents, " ") != strings.Join(f[3:], " ") {
			t.Errorf("commit %s: tree %s, time %d, parents %v; git says %v", f[0], c.TreeHash, c.CommitterTime, parents, f[1:])
		}
	}
	if got, err := repo.Resolve("v1"); err != nil || got.String() != signed {
		t.Errorf("Resolve(v1) = %s, %v; want the signed commit %s", got, err, signed)
	}

	s := newStore(repo.objects())
	trees := 0
	for _, id := range strings.Fields(r.git("rev-list", "--all", "--objects", "--no-object-names")) {
		if r.git("cat-file", "-t", id) != "tree" {
			continue
		}
		trees++
		tr, err := s.tree(gitobj.MustParseID(id))
		if err != nil {
			t.Fatalf("tree %s: %v", id, err)
		}
		var got []string
		for _, e := range tr.Entries {
			got = append(got, fmt.Sprintf("%06o %s\t%s", uint32(e.Mode), e.Hash, e.Name))
		}
		var want []string
		for _, l := range strings.Split(r.git("ls-tree", id), "\n") {
			mode, rest, _ := strings.Cut(l, " ")
			_, rest, _ = strings.Cut(rest, " ") // the object type
			want = append(want, mode+" "+rest)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("tree %s:\n%s\ngit ls-tree:\n%s", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		shuffled := append([]treeEntry(nil), tr.Entries...)
		for i, j := 0, len(shuffled)-1; i < j; i, j = i+1, j-1 {
			shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
		}
		sortTreeEntries(shuffled)
		if h, err := encodeTree(shuffled); err != nil || h != tr.Hash {
			t.Errorf("tree %s encodes to %s (%v)", id, h, err)
		}
	}
	if trees < 4 {
		t.Errorf("only %d trees checked", trees)
	}
}
