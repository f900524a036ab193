package gitobj

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Helpers that ask real git what a repository holds: the oracle of these tests.

func needGit(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not found")
	}
}

// git runs git with the given git directory (or work tree, when dir has .git) and
// returns its output, trimmed.
func git(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=C", "GIT_COMMITTER_EMAIL=c@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// gitObject is one object as git cat-file --batch prints it.
type gitObject struct {
	id   ID
	typ  string
	data []byte
}

// allObjects returns every object of the repository at gitDir, alternates included,
// read by git cat-file --batch --batch-all-objects.
func allObjects(tb testing.TB, gitDir string) []gitObject {
	tb.Helper()
	cmd := exec.Command("git", "--git-dir", gitDir, "cat-file", "--batch", "--batch-all-objects")
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var objs []gitObject
	br := bufio.NewReader(out)
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			tb.Fatalf("cat-file: unexpected line %q", line)
		}
		id, err := ParseID(f[0])
		if err != nil {
			tb.Fatal(err)
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			tb.Fatal(err)
		}
		data := make([]byte, n+1)
		if _, err := io.ReadFull(br, data); err != nil {
			tb.Fatal(err)
		}
		objs = append(objs, gitObject{id: id, typ: f[1], data: data[:n]})
	}
	if err := cmd.Wait(); err != nil {
		tb.Fatal(err)
	}
	if len(objs) == 0 {
		tb.Fatalf("%s: git lists no objects", gitDir)
	}
	return objs
}

// sameObjects checks that db reads every object git listed with the same type, size
// and content, and that HashObject gives back its id.
func sameObjects(t *testing.T, db *DB, objs []gitObject) {
	t.Helper()
	bad := 0
	for _, o := range objs {
		typ, data, err := db.Read(o.id)
		if err == nil && (typ.String() != o.typ || !bytes.Equal(data, o.data)) {
			err = fmt.Errorf("read a %s of %d bytes, git has a %s of %d bytes", typ, len(data), o.typ, len(o.data))
		}
		if err == nil {
			var size int64
			if size, err = db.Size(o.id); err == nil && size != int64(len(o.data)) {
				err = fmt.Errorf("Size %d, git says %d", size, len(o.data))
			}
		}
		if err == nil && HashObject(typ, data) != o.id {
			err = fmt.Errorf("HashObject gives %s", HashObject(typ, data))
		}
		if err != nil {
			if bad++; bad <= 5 {
				t.Errorf("object %s: %v", o.id, err)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d objects differ from git", bad, len(objs))
	}
}

// sameRefs checks Refs against git show-ref and ResolveRef against git rev-parse for
// HEAD and every reference.
func sameRefs(t *testing.T, r *Repo, dir string) {
	t.Helper()
	refs, err := r.Refs()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ref := range refs {
		got = append(got, ref.ID.String()+" "+ref.Name)
	}
	want := git(t, dir, "show-ref")
	if strings.Join(got, "\n") != want {
		t.Errorf("Refs:\n%s\ngit show-ref:\n%s", strings.Join(got, "\n"), want)
	}
	for _, name := range append([]string{"HEAD"}, refNames(refs)...) {
		id, err := r.ResolveRef(name)
		if want := git(t, dir, "rev-parse", "--verify", "-q", name); err != nil || id.String() != want {
			t.Errorf("ResolveRef(%s) = %s, %v; git rev-parse says %s", name, id, err, want)
		}
	}
}

func refNames(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Name)
	}
	return out
}

// listFiles returns the files under dir/sub, relative to dir, for messages.
func listFiles(dir, sub string) []string {
	var out []string
	filepath.Walk(filepath.Join(dir, sub), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func gitCmd(gitDir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"--git-dir", gitDir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	return cmd
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
