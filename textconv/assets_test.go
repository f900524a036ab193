package textconv

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

func assetLine(path, data string) string {
	sum := sha256.Sum256([]byte(data))
	return fmt.Sprintf("%s %d sha256:%s", path, len(data), hex.EncodeToString(sum[:]))
}

func TestAssetsRenamed(t *testing.T) {
	res := `{"Resources":[
		{"Name":"b","Content":"Image","Path":"Assets\\Images\\0003.PNG","FileName":"0003.PNG","ResourceKind":"LocalFile","RootPath":"https://x/1"},
		{"Name":"SampleImage","Content":"Image","Path":"/ctrllib/image/images/SampleImage.svg","ResourceKind":"Uri","RootPath":"ms-appx:///x","IsSampleData":true},
		{"Name":"a","Content":"Image","Path":"Assets\\Images\\0002.png","ResourceKind":"LocalFile"},
		{"Name":"A","Content":"Image","Path":"Assets\\Images\\0001.png","ResourceKind":"LocalFile"},
		{"Name":"x@2 (1)","Content":"Audio","Path":"Assets\\Audio\\0004.mp3","ResourceKind":"LocalFile"},
		{"Name":"doc","Content":"Pdf","Path":"Assets\\Pdf\\0005.pdf","ResourceKind":"LocalFile"},
		{"Name":"clip","Content":"Video","Path":"Assets\\Video\\0006.mp4","ResourceKind":"LocalFile"},
		{"Name":"odd","Content":"Hologram","Path":"Assets\\Other\\0007.bin","ResourceKind":"LocalFile"},
		{"Name":"gone","Content":"Image","Path":"Assets\\Images\\missing.png","ResourceKind":"LocalFile"},
		7, "x"
	]}`
	files := append(goodFiles(`"x"`),
		zfile{`References\Resources.json`, res},
		zfile{`Resources\PublishInfo.json`, `{"AppName":"t","LogoFileName":"k3j4l5.jpeg"}`},
		zfile{`Resources\k3j4l5.jpeg`, "LOGO\x00"},
		zfile{`Resources\other.png`, "PNG\x00"},
		zfile{`Assets\Images\0001.png`, "one\x00"},
		zfile{`Assets\Images\0002.png`, "two\x00"},
		zfile{`Assets\Images\0003.PNG`, "three\x00"},
		zfile{`Assets\Audio\0004.mp3`, "four\x00"},
		zfile{`Assets\Pdf\0005.pdf`, "five\x00"},
		zfile{`Assets\Video\0006.mp4`, "six\x00"},
		zfile{`Assets\Other\0007.bin`, "seven\x00"},
		zfile{`Assets\Images\unused (1).png`, "unused\x00"},
	)
	out, err := render(t, makeZip(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := splitSections(out)
	want := strings.Join([]string{
		assetLine("Assets/Audio/x%402 %281%29.mp3", "four\x00"),
		assetLine("Assets/Images/A.png", "one\x00"),
		assetLine("Assets/Images/a_1.png", "two\x00"),
		assetLine("Assets/Images/b.PNG", "three\x00"),
		assetLine("Assets/Images/unused %281%29.png", "unused\x00"),
		assetLine("Assets/Other/0007.bin", "seven\x00"),
		assetLine("Assets/Pdf/doc.pdf", "five\x00"),
		assetLine("Assets/Video/clip.mp4", "six\x00"),
		assetLine("Assets/logo.jpeg", "LOGO\x00"),
		assetLine("Other/Resources/other.png", "PNG\x00"),
	}, "\n") + "\n"
	if got["Assets"] != want {
		t.Errorf("Assets:\n%s\nwant\n%s", got["Assets"], want)
	}
	if s := got["Assets/Images/a_1.png.json"]; s != "{\n  \"NewFileName\": \"a_1.png\",\n  \"OriginalName\": \"a\",\n  \"Path\": \"Images\\\\a_1.png.json\"\n}\n" {
		t.Errorf("side file:\n%s", s)
	}
	wantURI := "{\n  \"Content\": \"Image\",\n  \"IsSampleData\": true,\n  \"Name\": \"SampleImage\",\n  \"Path\": \"/ctrllib/image/images/SampleImage.svg\",\n  \"ResourceKind\": \"Uri\",\n  \"RootPath\": \"ms-appx:///x\"\n}\n"
	if got["Assets/SampleImage.json"] != wantURI {
		t.Errorf("Assets/SampleImage.json:\n%s", got["Assets/SampleImage.json"])
	}
	for name := range got {
		if strings.Contains(name, "Resources.json") {
			t.Errorf("unexpected section %s (pac 0.24 writes no JSON for local resources)", name)
		}
	}
}

func TestAssetsBadResources(t *testing.T) {
	for name, res := range map[string]string{
		"not JSON":            `{"Resources":[`,
		"Resources not array": `{"Resources":"x"}`,
		"odd fields":          `{"Resources":[{"Name":5,"Content":[],"Path":{},"ResourceKind":"LocalFile"},{"ResourceKind":null}]}`,
	} {
		files := append(goodFiles(`"x"`), zfile{`References\Resources.json`, res}, zfile{`Assets\Images\a.png`, "A\x00"},
			zfile{`Resources\PublishInfo.json`, `{"LogoFileName":"..\\nothere.jpg"}`})
		out, err := render(t, makeZip(t, files), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(out, "=== Assets ===\n"+assetLine("Assets/Images/a.png", "A\x00")) {
			t.Errorf("%s: asset not kept at its path:\n%s", name, out)
		}
		if !strings.Contains(out, "=== Src/Screen1.fx.yaml ===") {
			t.Errorf("%s: the rest of the app is not rendered", name)
		}
	}
}

func TestPacPath(t *testing.T) {
	for in, want := range map[string]string{
		"References/DynamicTypes.json":     "Other/References/DynamicTypes.json",
		".gitignore":                       "Other/.gitignore",
		"Src/App.pa.yaml":                  "Other/Src/App.pa.yaml",
		"assets/Images/a b(1).png":         "Assets/Images/a b%281%29.png",
		"Resources/Controls/x+y.bundle.js": "Other/Resources/Controls/x%2by.bundle.js",
	} {
		if got := pacPath(in); got != want {
			t.Errorf("pacPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAssetsCorpus checks the renames on the corpus apps that exercise them: the
// ImageApp pair of apps (same files, names swapped) and the logo.
func TestAssetsCorpus(t *testing.T) {
	dir := corpus.Dir(t, "msapp")
	a := renderSections(t, filepath.Join(dir, "ImageApp.msapp"), Options{})
	b := renderSections(t, filepath.Join(dir, "ImageApp_SwitchNames.msapp"), Options{})
	lines := func(s string) map[string]string {
		m := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			p, rest, _ := strings.Cut(l, " ")
			m[p] = rest
		}
		return m
	}
	la, lb := lines(a["Assets"]), lines(b["Assets"])
	if len(la) != 2 || la["Assets/Images/001.png"] == "" || la["Assets/Images/002.png"] == "" {
		t.Fatalf("ImageApp Assets:\n%s", a["Assets"])
	}
	if la["Assets/Images/001.png"] != lb["Assets/Images/002.png"] || la["Assets/Images/002.png"] != lb["Assets/Images/001.png"] {
		t.Errorf("swapped names do not swap the files:\n%s\n%s", a["Assets"], b["Assets"])
	}
	if !strings.Contains(a["Assets/SampleImage.json"], `"RootPath": "ms-appx:///ctrllib/image/images/SampleImage.svg"`) {
		t.Errorf("Assets/SampleImage.json:\n%s", a["Assets/SampleImage.json"])
	}
	c := renderSections(t, filepath.Join(dir, "AnimationControlIdIsGuid.msapp"), Options{})
	lc := lines(c["Assets"])
	if lc["Assets/logo.jpg"] == "" || lc["Assets/Images/bg.PNG"] == "" {
		t.Errorf("AnimationControlIdIsGuid Assets:\n%s", c["Assets"])
	}
	d := renderSections(t, filepath.Join(dir, "AssetPackingCollision.msapp"), Options{})
	ld := lines(d["Assets"])
	for _, p := range []string{"Assets/Images/0001.png", "Assets/Images/0002.png", "Assets/Images/Image2.png"} {
		if ld[p] == "" {
			t.Errorf("AssetPackingCollision: no %s in\n%s", p, d["Assets"])
		}
	}
}
