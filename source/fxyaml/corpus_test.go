package fxyaml

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// corpusFile is one .fx.yaml text from the shared corpus.
type corpusFile struct {
	name string
	data []byte
}

// corpusFiles returns every .fx.yaml of the corpus: the baselines, the unpacked pairs
// and every distinct .fx.yaml blob in the histories of the merge bundles. It skips the
// test when the corpus is absent.
func corpusFiles(t *testing.T) []corpusFile {
	t.Helper()
	root := corpus.Dir(t, ".")
	var files []corpusFile
	for _, pattern := range []string{"baselines/*.fx.yaml"} {
		matches, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, m := range matches {
			files = append(files, readCorpusFile(t, root, m))
		}
	}
	_ = filepath.WalkDir(filepath.Join(root, "pairs"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".fx.yaml") {
			files = append(files, readCorpusFile(t, root, path))
		}
		return nil
	})
	bundles, _ := filepath.Glob(filepath.Join(root, "merges", "*.bundle"))
	if len(bundles) > 0 {
		if _, err := exec.LookPath("git"); err != nil {
			t.Logf("git not found; skipping the bundle histories")
			return files
		}
	}
	for _, b := range bundles {
		files = append(files, bundleBlobs(t, b)...)
	}
	return files
}

func readCorpusFile(t *testing.T, root, path string) corpusFile {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(root, path)
	return corpusFile{name: rel, data: data}
}

// bundleBlobs clones a bundle and returns each distinct .fx.yaml blob of its history.
func bundleBlobs(t *testing.T, bundle string) []corpusFile {
	r := corpus.Clone(t, bundle)
	seen := map[string]string{}
	var ids []string
	for _, line := range strings.Split(r.Git(t, "", "rev-list", "--all", "--objects"), "\n") {
		id, path, ok := strings.Cut(line, " ")
		if ok && strings.HasSuffix(path, ".fx.yaml") && seen[id] == "" {
			seen[id] = path
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var files []corpusFile
	for i, b := range r.Blobs(t, ids) {
		if b.ID == "" {
			t.Fatalf("cat-file: no blob %s", ids[i])
		}
		files = append(files, corpusFile{name: fmt.Sprintf("%s:%s@%s", filepath.Base(bundle), seen[ids[i]], ids[i][:10]), data: b.Data})
	}
	return files
}

func TestCorpusRoundTrip(t *testing.T) {
	files := corpusFiles(t)
	n, broken := 0, 0
	for _, cf := range files {
		f, err := Parse(cf.data)
		if hasMarkerLine(cf.data) {
			// A commit of a broken merge: pac rejects it as well.
			if err == nil {
				t.Errorf("%s: holds conflict markers but parsed", cf.name)
			}
			broken++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", cf.name, err)
			continue
		}
		if got := f.Bytes(); !bytes.Equal(got, cf.data) {
			t.Errorf("%s: written bytes differ from the input", cf.name)
			continue
		}
		n++
	}
	t.Logf("%d of %d corpus .fx.yaml files round-trip byte for byte (%d committed with conflict markers, rejected)", n, len(files), broken)
}

func hasMarkerLine(data []byte) bool {
	for _, l := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("<<<<<<< ")) || bytes.HasPrefix(l, []byte(">>>>>>> ")) {
			return true
		}
	}
	return false
}
