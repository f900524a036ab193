package textconv

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// TestUnpackedSamples measures the .fx.yaml rendering against apps outside the
// corpus: a folder of samples that carry both an .msapp and the folder `pac canvas
// unpack` made from it, such as a checkout of pnp/powerapps-samples. It runs only when
// CANVASGIT_SAMPLES names that folder:
//
//	CANVASGIT_SAMPLES=$HOME/powerapps-samples go test ./textconv -run TestUnpackedSamples -v
//
// A source folder is any folder with a CanvasManifest.json; its msapp is found in the
// nearest enclosing folder that has any: the one whose checksum.json
// ClientStampedChecksum equals the folder's Entropy/checksum.json if there is one (the
// folder was unpacked from exactly that file), else the first by path (the folder was
// unpacked from another save of the app, so some differences may be edits, not
// rendering; such apps are counted apart). Apps whose msapp is byte-identical to a
// corpus pair are left out, as the pair tests cover them. Every Src/**/*.fx.yaml pac
// wrote is compared with the rendered section, line endings and surrounding blank lines
// aside; the log lists each difference and the totals.
func TestUnpackedSamples(t *testing.T) {
	root := os.Getenv("CANVASGIT_SAMPLES")
	if root == "" {
		t.Skip("CANVASGIT_SAMPLES is not set")
	}
	inCorpus := corpusPairHashes()
	msapps := map[string]string{} // msapp path -> its ClientStampedChecksum
	var sources []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
		case strings.EqualFold(filepath.Ext(p), ".msapp"):
			msapps[p] = msappChecksum(p)
		case d.Name() == "CanvasManifest.json":
			sources = append(sources, filepath.Dir(p))
		}
		return nil
	})
	sort.Strings(sources)
	var total, same [2]struct{ apps, files int } // [0]: unpacked from another save, [1]: from this msapp
	for _, src := range sources {
		rel, _ := filepath.Rel(root, src)
		sum := jsonStringField(filepath.Join(src, "Entropy", "checksum.json"), "ClientStampedChecksum")
		msapp, exact := sampleMsapp(root, src, sum, msapps)
		if msapp == "" {
			t.Logf("SKIP %s: no msapp", rel)
			continue
		}
		if data, err := os.ReadFile(msapp); err == nil && inCorpus[sha256.Sum256(data)] {
			t.Logf("SKIP %s: its msapp is a corpus pair", rel)
			continue
		}
		k, kind := 0, "other save"
		if exact {
			k, kind = 1, "same save"
		}
		total[k].apps++
		appSame := true
		got := renderSections(t, msapp, Options{})
		filepath.WalkDir(filepath.Join(src, "Src"), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".fx.yaml") {
				return err
			}
			name, _ := filepath.Rel(src, p)
			name = filepath.ToSlash(name)
			want, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			total[k].files++
			g, ok := got[name]
			switch {
			case !ok:
				appSame = false
				t.Logf("DIFFER (%s) %s %s: not rendered", kind, rel, name)
			case normalize(g) == normalize(string(want)):
				same[k].files++
			default:
				appSame = false
				t.Logf("DIFFER (%s) %s %s: %s", kind, rel, name, firstDiff(normalize(g), normalize(string(want))))
			}
			return nil
		})
		if appSame {
			same[k].apps++
		}
	}
	for k, kind := range []string{"unpacked from another save", "unpacked from this msapp"} {
		t.Logf("%s: %d apps (%d identical), %d .fx.yaml files compared, %d identical",
			kind, total[k].apps, same[k].apps, total[k].files, same[k].files)
	}
}

// sampleMsapp finds the msapp of the source folder src: in the nearest folder (src or
// an ancestor up to root) under which there are msapps, the one whose checksum is sum,
// else the first by path. exact reports a checksum match.
func sampleMsapp(root, src, sum string, msapps map[string]string) (msapp string, exact bool) {
	for dir := src; ; dir = filepath.Dir(dir) {
		var under []string
		for p := range msapps {
			if strings.HasPrefix(p, dir+string(filepath.Separator)) {
				under = append(under, p)
			}
		}
		sort.Strings(under)
		for _, p := range under {
			if sum != "" && msapps[p] == sum {
				return p, true
			}
		}
		if len(under) > 0 {
			return under[0], false
		}
		if dir == root || filepath.Dir(dir) == dir {
			return "", false
		}
	}
}

// corpusPairHashes returns the SHA-256 of each corpus pair's app.msapp (none when
// the corpus is absent).
func corpusPairHashes() map[[32]byte]bool {
	m := map[[32]byte]bool{}
	root := corpus.Root()
	if root == "" {
		return m
	}
	files, _ := filepath.Glob(filepath.Join(root, "pairs", "*", "app.msapp"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			m[sha256.Sum256(data)] = true
		}
	}
	return m
}

// msappChecksum is the ClientStampedChecksum of an msapp's checksum.json, or "".
func msappChecksum(file string) string {
	a, err := Open(file, DefaultLimits)
	if err != nil {
		return ""
	}
	defer a.Close()
	e := a.Lookup("checksum.json")
	if e == nil {
		return ""
	}
	data, err := a.Read(e)
	if err != nil {
		return ""
	}
	return stringField(data, "ClientStampedChecksum")
}

func jsonStringField(file, key string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	return stringField(data, key)
}

func stringField(data []byte, key string) string {
	v, err := parseJSON(data)
	if err != nil {
		return ""
	}
	o, _ := v.(object)
	s, _ := ctString(o, key)
	return s
}
