package gate

import (
	"fmt"
	"reflect"
	"testing"
)

// TestProgress: Options.Progress hears of the merge-base walk first, then of every
// path that changed on either side, counted up to the total.
func TestProgress(t *testing.T) {
	r := newTestRepo(t)
	r.threeWay(
		map[string]string{"a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n", "same.txt": "s\n"},
		map[string]string{"a.txt": "a2\n", "b.txt": "b\n", "c.txt": "c\n", "same.txt": "s\n"},
		map[string]string{"a.txt": "a\n", "b.txt": "b3\n", "c.txt": "c3\n", "same.txt": "s\n"},
	)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	var got []string
	_, err = Run(repo, Options{Target: "main", Source: "feature", Progress: func(stage string, done, total int) {
		got = append(got, fmt.Sprintf("%s %d/%d", stage, done, total))
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"merge base 0/0", "files 1/3", "files 2/3", "files 3/3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("progress %q, want %q", got, want)
	}
}
