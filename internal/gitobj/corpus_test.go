package gitobj

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// Every object of every corpus history reads as git cat-file --batch prints it:
// packed (a mirror clone holds one pack, most objects deltas), then loose (the same
// pack unpacked by git unpack-objects into an empty repository), then through
// alternates (git clone --shared). References and abbreviated ids agree with git too.
func TestCorpusObjectsAgreeWithGit(t *testing.T) {
	for _, bundle := range corpus.Bundles(t) {
		t.Run(corpus.Name(bundle), func(t *testing.T) {
			clone := corpus.Clone(t, bundle)
			objs := allObjects(t, clone.Dir)
			packs := listFiles(clone.Dir, "objects/pack")
			if len(packs) == 0 {
				t.Fatalf("the clone has no pack: %v", packs)
			}

			t.Run("packed", func(t *testing.T) {
				r, err := Open(clone.Dir)
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				sameObjects(t, r.Objects, objs)
				sameRefs(t, r, clone.Dir)
				samePrefixes(t, r.Objects, clone.Dir, objs)
			})

			t.Run("loose", func(t *testing.T) {
				// Loose objects are read by one small function; the small history covers
				// it, and unpacking the large one takes git over half a minute, too long
				// for every run of the suite: CANVASGIT_GITOBJ_ALL=1 reads it loose too.
				if len(objs) > 5000 && os.Getenv("CANVASGIT_GITOBJ_ALL") == "" {
					t.Skipf("unpacking %d objects loose takes git over half a minute; set CANVASGIT_GITOBJ_ALL=1 to run it", len(objs))
				}
				dir := filepath.Join(t.TempDir(), "loose.git")
				git(t, t.TempDir(), "init", "-q", "--bare", dir)
				for _, p := range packs {
					if !strings.HasSuffix(p, ".pack") {
						continue
					}
					f, err := os.Open(filepath.Join(clone.Dir, p))
					if err != nil {
						t.Fatal(err)
					}
					cmd := gitCmd(dir, "unpack-objects", "-q")
					cmd.Stdin = f
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("unpack-objects: %v\n%s", err, out)
					}
					f.Close()
				}
				if packs := listFiles(dir, "objects/pack"); len(packs) != 0 {
					t.Fatalf("unpack-objects left packs: %v", packs)
				}
				r, err := Open(dir)
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				sameObjects(t, r.Objects, objs)
				samePrefixes(t, r.Objects, dir, objs)
			})

			t.Run("alternates", func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "shared")
				git(t, t.TempDir(), "clone", "-q", "--shared", "--no-checkout", clone.Dir, dir)
				if _, err := os.Stat(filepath.Join(dir, ".git", "objects", "info", "alternates")); err != nil {
					t.Fatalf("clone --shared wrote no alternates: %v", err)
				}
				r, err := Open(filepath.Join(dir, ".git"))
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				// The same pack as above, through the alternates file: every 7th object.
				var some []gitObject
				for i := 0; i < len(objs); i += 7 {
					some = append(some, objs[i])
				}
				sameObjects(t, r.Objects, some)
				sameRefs(t, r, dir)
			})
		})
	}
}

// samePrefixes checks IDsWithPrefix against git rev-parse --disambiguate for the
// first characters of a sample of ids.
func samePrefixes(t *testing.T, db *DB, dir string, objs []gitObject) {
	t.Helper()
	for i := 0; i < len(objs); i += max(1, len(objs)/20) {
		prefix := objs[i].id.String()[:4+i%3]
		got, err := db.IDsWithPrefix(prefix)
		if err != nil {
			t.Fatal(err)
		}
		var gotS []string
		for _, id := range got {
			gotS = append(gotS, id.String())
		}
		want := strings.Fields(git(t, dir, "rev-parse", "--disambiguate="+prefix))
		if strings.Join(sorted(gotS), " ") != strings.Join(sorted(want), " ") {
			t.Errorf("IDsWithPrefix(%s) = %v; git says %v", prefix, gotS, want)
		}
	}
}
