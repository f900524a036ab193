package jsondoc

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// The reader's benchmark reads the largest file of each JSON kind the merge driver
// spends most on in the corpus's merge histories: a pretty-printed editor state
// (long indentation runs, short keys and strings), the App Checker's .sarif (long
// messages) and Entropy.json (one long line of maps). The builder does no work, so
// the numbers are the reader's own.

// corpusKinds names each kind by the end of its path.
var corpusKinds = []struct{ name, suffix string }{
	{"editorstate", ".editorstate.json"},
	{"sarif", ".sarif"},
	{"entropy", "Entropy.json"},
}

type corpusFile struct {
	kind, path string
	data       []byte
}

var (
	corpusFilesOnce sync.Once
	corpusFilesList []corpusFile
)

// largestCorpusFiles returns, per kind, the largest blob of that kind in any history
// of the corpus's merge bundles (the first of equal size by path and bundle order),
// skipping the test or benchmark when the corpus or git is absent.
func largestCorpusFiles(tb testing.TB) []corpusFile {
	bundles := corpus.Bundles(tb)
	corpusFilesOnce.Do(func() {
		best := make([]corpusFile, len(corpusKinds))
		for _, bundle := range bundles {
			r := corpus.Clone(tb, bundle)
			// Every object of the history with the path it was first seen at.
			var ids, paths []string
			for _, line := range strings.Split(r.Git(tb, "", "rev-list", "--objects", "--all"), "\n") {
				id, path, ok := strings.Cut(line, " ")
				if ok && kindOf(path) >= 0 {
					ids, paths = append(ids, id), append(paths, path)
				}
			}
			if len(ids) == 0 {
				continue
			}
			sizes := strings.Fields(r.Git(tb, strings.Join(ids, "\n")+"\n", "cat-file", "--batch-check=%(objectsize)"))
			// Per kind, this history's largest blob if it beats the largest so far.
			pick, size := make([]int, len(corpusKinds)), make([]int, len(corpusKinds))
			for k := range pick {
				pick[k], size[k] = -1, len(best[k].data)
			}
			for i, s := range sizes {
				n, _ := strconv.Atoi(s)
				if k := kindOf(paths[i]); n > size[k] {
					pick[k], size[k] = i, n
				}
			}
			for k, i := range pick {
				if i < 0 {
					continue
				}
				blob := r.Blobs(tb, []string{ids[i]})[0]
				best[k] = corpusFile{kind: corpusKinds[k].name, path: corpus.Name(bundle) + ":" + paths[i], data: blob.Data}
			}
		}
		for _, f := range best {
			if f.data != nil {
				corpusFilesList = append(corpusFilesList, f)
			}
		}
		sort.SliceStable(corpusFilesList, func(i, j int) bool { return corpusFilesList[i].kind < corpusFilesList[j].kind })
	})
	if len(corpusFilesList) == 0 {
		tb.Skip("no editor state, .sarif or Entropy.json in the corpus bundles; skipping")
	}
	return corpusFilesList
}

func kindOf(path string) int {
	for k, c := range corpusKinds {
		if strings.HasSuffix(path, c.suffix) {
			return k
		}
	}
	return -1
}

// nopBuilder builds nothing: the benchmark measures the reading alone.
type nopBuilder struct{}

func (nopBuilder) Scalar(Scalar) int                           { return 0 }
func (nopBuilder) Array([]int, Pos, int) int                   { return 0 }
func (nopBuilder) Object([]Member[int], Pos, int) (int, error) { return 0, nil }

// BenchmarkParseCorpus reads each file whole, sharing strings with the input as the
// JSON merge does, and copying them as check does.
func BenchmarkParseCorpus(b *testing.B) {
	for _, f := range largestCorpusFiles(b) {
		b.Logf("%s: %s, %d bytes", f.kind, f.path, len(f.data))
		for _, share := range []bool{true, false} {
			b.Run("file="+f.kind+"/share="+strconv.FormatBool(share), func(b *testing.B) {
				b.SetBytes(int64(len(f.data)))
				for b.Loop() {
					if _, _, _, err := Parse[int](f.data, nopBuilder{}, Options{Share: share}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
