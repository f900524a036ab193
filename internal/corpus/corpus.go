// Package corpus finds the shared real-world corpus (../shared/corpus beside the
// repository) for tests, and skips the test cleanly when it is absent.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the corpus folder, or "" when it is not there. CANVASGIT_CORPUS
// overrides the search; otherwise it walks up from the working directory looking for
// shared/corpus.
func Root() string {
	if dir := os.Getenv("CANVASGIT_CORPUS"); dir != "" {
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(candidate); err == nil && st.IsDir() {
			return candidate
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// Dir returns a sub-folder of the corpus (e.g. "merges"), skipping the test when the
// corpus is absent.
func Dir(tb testing.TB, sub string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("corpus not found (expected ../shared/corpus beside the repository); skipping")
	}
	dir := filepath.Join(root, sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("corpus folder %s not found; skipping", dir)
	}
	return dir
}

// Sub returns a sub-folder of the corpus (e.g. "merges"), or "" when it is absent; for
// callers that decide themselves what an absent corpus means (benchmarks, budgets).
func Sub(sub string) string {
	root := Root()
	if root == "" {
		return ""
	}
	dir := filepath.Join(root, sub)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}
