package layouts

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
	"time"
)

// msaprHeader is the msapr-header.json pac writes for a default SourceCode unpack.
const msaprHeader = "{\n  \"MsaprStructureVersion\": \"0.1\",\n  \"UnpackedConfiguration\": {\n    \"ContentTypes\": [\n      \"PaYamlSourceCode\"\n    ]\n  }\n}"

// SourceCode writes what `pac canvas unpack --layout SourceCode` makes of an msapp
// under dir: Src/**/*.pa.yaml on disk, and <name>.msapr, a zip holding
// msapr-header.json and every other entry under msapp\ (with the backslashes the
// real files have), in the msapp's order.
func SourceCode(msapp, dir, name string) error {
	es, err := readMsapp(msapp)
	if err != nil {
		return err
	}
	var rest []entry
	for _, e := range es {
		if isSource(e.name) {
			if err := writeFile(path.Join(dir, e.name), e.data); err != nil {
				return err
			}
			continue
		}
		rest = append(rest, e)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	put := func(n string, data []byte) error {
		f, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := put("msapr-header.json", []byte(msaprHeader)); err != nil {
		return err
	}
	for _, e := range rest {
		if err := put(`msapp\`+strings.ReplaceAll(e.name, "/", `\`), e.data); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path.Join(dir, name+".msapr"), buf.Bytes())
}

// fixedTime keeps the fixture's bytes the same on every run.
var fixedTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
