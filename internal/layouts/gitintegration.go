package layouts

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"path"
	"sort"
	"strings"
)

// GitIntegration writes the solution folder that Power Platform's git integration
// commits for one canvas app, from a real msapp, under dir:
//
//	solutions/<solution>/{solution,solutioncomponents,rootcomponents,missingdependencies}.yml
//	publishers/<publisher>/publisher.yml
//	canvasapps/<schema>/canvasapp.yml
//	canvasapps/<schema>/<schema>_BackgroundImageUri
//	canvasapps/<schema>/<schema>_AdditionalUris0_identity.json
//	canvasapps/<schema>/<schema>_DocumentUri/...   (the msapp unzipped)
//
// The identity map names every control of Controls/*.json and Components/*.json
// with a GUID derived from the schema and the name, so the output is the same bytes
// on every run.
func GitIntegration(msapp, dir, schema string) error {
	es, err := readMsapp(msapp)
	if err != nil {
		return err
	}
	const solution, publisher = "CanvasgitTest", "CanvasgitPublisher"
	app := path.Join(dir, "canvasapps", schema)
	for _, e := range es {
		if err := writeFile(path.Join(app, schema+"_DocumentUri", e.name), e.data); err != nil {
			return err
		}
	}
	names, err := controlNames(es)
	if err != nil {
		return fmt.Errorf("%s: %v", msapp, err)
	}
	files := map[string][]byte{
		path.Join(dir, "solutions", solution, "solution.yml"):            []byte(solutionYML(solution, publisher)),
		path.Join(dir, "solutions", solution, "solutioncomponents.yml"):  []byte(fmt.Sprintf("SolutionComponents:\n  Component:\n  - '@path': /canvasapps/%s\n  - '@path': /publishers/%s\n", schema, publisher)),
		path.Join(dir, "solutions", solution, "rootcomponents.yml"):      []byte(fmt.Sprintf("RootComponents:\n  RootComponent:\n    '@type': 300\n    '@schemaName': %s\n    '@behavior': 0\n", schema)),
		path.Join(dir, "solutions", solution, "missingdependencies.yml"): []byte("MissingDependencies: \n"),
		path.Join(dir, "publishers", publisher, "publisher.yml"):         []byte(publisherYML(publisher)),
		path.Join(app, "canvasapp.yml"):                                  []byte(canvasAppYML(schema)),
		path.Join(app, schema+"_AdditionalUris0_identity.json"):          identityMap(schema, names),
		path.Join(app, schema+"_BackgroundImageUri"):                     backgroundPNG(),
	}
	for f, data := range files {
		if err := writeFile(f, data); err != nil {
			return err
		}
	}
	return nil
}

func solutionYML(solution, publisher string) string {
	return fmt.Sprintf(`ImportExportXml:
  '@version': 9.2.26072.150
  '@SolutionPackageVersion': 9.2
  '@languagecode': 1033
  '@generatedBy': CrmLive
  SolutionManifest:
    UniqueName: %s
    LocalizedNames:
      LocalizedName:
        '@description': %s
        '@languagecode': 1033
    Descriptions: 
    Version: 1.0.0.0
    Managed: 0
    Publisher:
      UniqueName: %s
`, solution, solution, publisher)
}

func publisherYML(publisher string) string {
	return fmt.Sprintf(`Publisher:
  UniqueName: %s
  LocalizedNames:
    LocalizedName:
      '@description': %s
      '@languagecode': 1033
  CustomizationPrefix: cg
  CustomizationOptionValuePrefix: 10000
`, publisher, publisher)
}

func canvasAppYML(schema string) string {
	return fmt.Sprintf(`CanvasApp:
  Name: %[1]s
  AppVersion: 2026-01-01T00:00:00.0000000Z
  Status: Ready
  CreatedByClientVersion: 3.26074.11.0
  MinClientVersion: 3.26074.11.0
  Tags: '{"primaryDeviceWidth":"1366","primaryDeviceHeight":"768","sienaVersion":"20260101T000000Z-3.26074.11.0"}'
  BackgroundColor: RGBA(0,176,240,1)
  DisplayName: %[1]s
  Description: 
  CommitMessage: 
  AuthorizationReferences: '[]'
  ConnectionReferences: '{}'
  DatabaseReferences: '{}'
  AppComponents: '[]'
  CanvasAppType: 0
  IntroducedVersion: 1.0
  IsCustomizable: 1
  BackgroundImageUri: /canvasapps/%[1]s/%[1]s_BackgroundImageUri
  DocumentUri: /canvasapps/%[1]s/%[1]s_DocumentUri.msapp
  AdditionalUris:
    AdditionalUri: /canvasapps/%[1]s/%[1]s_AdditionalUris0_identity.json
`, schema)
}

// controlNames lists the names of every control in Controls/*.json and
// Components/*.json, in file then tree order.
func controlNames(es []entry) ([]string, error) {
	var names []string
	sorted := append([]entry(nil), es...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, e := range sorted {
		dir := strings.ToLower(path.Dir(e.name))
		if (dir != "controls" && dir != "components") || !strings.HasSuffix(strings.ToLower(e.name), ".json") {
			continue
		}
		var doc struct{ TopParent control }
		if err := json.Unmarshal(bytes.TrimPrefix(e.data, []byte("\xef\xbb\xbf")), &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", e.name, err)
		}
		doc.TopParent.walk(func(c *control) { names = append(names, c.Name) })
	}
	return names, nil
}

type control struct {
	Name     string
	Children []control
}

func (c *control) walk(f func(*control)) {
	f(c)
	for i := range c.Children {
		c.Children[i].walk(f)
	}
}

// identityMap writes {"__Version":"0.1","<name>":"<guid>",...} as Dataverse does.
func identityMap(schema string, names []string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"__Version":"0.1"`)
	for _, n := range names {
		k, _ := json.Marshal(n)
		fmt.Fprintf(&b, `,%s:"%s"`, k, NameGUID(schema, n))
	}
	b.WriteString("}")
	return b.Bytes()
}

// NameGUID is a stable GUID for a control name, for fixtures.
func NameGUID(schema, name string) string {
	h := sha1.Sum([]byte(schema + "\x00" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func backgroundPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	for x := 0; x < 2; x++ {
		for y := 0; y < 2; y++ {
			img.Set(x, y, color.RGBA{0, 176, 240, 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
