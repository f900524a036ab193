package gate

import (
	"testing"
)

// Resolve agrees with git rev-parse on every form the gate documents: names looked up
// by git's rules (branch, tag, annotated tag, remote branch, full reference, packed or
// loose), commit ids and their prefixes, and ~N / ^N steps, also on a merge's second
// parent.
func TestResolveAgreesWithGit(t *testing.T) {
	r := newTestRepo(t)
	r.commit("one", map[string]string{"a": "1\n"})
	r.commit("two", map[string]string{"a": "2\n"})
	r.git("checkout", "-q", "-b", "side")
	side := r.commit("side", map[string]string{"a": "2\n", "b": "1\n"})
	r.git("checkout", "-q", "main")
	r.commit("three", map[string]string{"a": "3\n", "c": "1\n"})
	r.git("merge", "-q", "--no-edit", "side")
	r.git("tag", "light", "main~1")
	r.git("tag", "-a", "-m", "annotated", "v1", "main^2")
	r.git("update-ref", "refs/remotes/origin/main", "main~2")
	r.git("pack-refs", "--all")
	r.git("update-ref", "refs/heads/loose", "main^1")

	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	for _, rev := range []string{
		"main", "HEAD", "side", "loose", "light", "v1", "origin/main", "refs/heads/main",
		"heads/main", "main~1", "main~", "main~2", "main^", "main^1", "main^2", "main^2~1",
		"main^0", "main~1^1", "HEAD~3", "v1~1", side, side[:7], side[:5],
	} {
		want := r.git("rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
		got, err := repo.Resolve(rev)
		if err != nil {
			t.Errorf("Resolve(%q): %v, want %s", rev, err, want)
			continue
		}
		if got.String() != want {
			t.Errorf("Resolve(%q) = %s, want %s", rev, got, want)
		}
	}
	for _, rev := range []string{"", "no-such-branch", "main~9", "main^3", "~1", "main^{/two}", "main@{1}", "zzzz"} {
		if got, err := repo.Resolve(rev); err == nil {
			t.Errorf("Resolve(%q) = %s, want an error", rev, got)
		}
	}
}
