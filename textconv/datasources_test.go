package textconv

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/canvasgit/canvasgit/internal/corpus"
)

// splitJSON runs splitDataSources on JSON text and returns the files by name.
func splitJSON(t *testing.T, list, refs string) (map[string]string, []string, map[string]string) {
	t.Helper()
	lv, err := parseJSONString(list)
	if err != nil {
		t.Fatal(err)
	}
	var ro object
	if refs != "" {
		rv, err := parseJSONString(refs)
		if err != nil {
			t.Fatal(err)
		}
		ro = rv.(object)
	}
	l, _ := lv.([]any)
	files, conns := splitDataSources(l, ro)
	got := map[string]string{}
	var order []string
	for _, f := range files {
		if _, dup := got[f.name]; dup {
			t.Errorf("file %s written twice", f.name)
		}
		got[f.name] = string(f.text())
		order = append(order, f.name)
	}
	cm := map[string]string{}
	for _, f := range conns {
		cm[f.name] = string(f.text())
	}
	return got, order, cm
}

func TestDataSourcesGroupingAndOrder(t *testing.T) {
	got, order, conns := splitJSON(t, `[
		{"Name":"opt_b","RelatedEntityName":"T","Type":"OptionSetInfo"},
		{"Name":"T","Type":"StaticDataSourceInfo"},
		{"Name":"_x","RelatedEntityName":"T"},
		{"Name":"Other"},
		{"Name":"Zed","RelatedEntityName":""},
		"not an object", 5, null
	]`, "")
	want := "[\n  {\n    \"Name\": \"T\",\n    \"Type\": \"StaticDataSourceInfo\"\n  },\n" +
		"  {\n    \"Name\": \"_x\",\n    \"RelatedEntityName\": \"T\"\n  },\n" +
		"  {\n    \"Name\": \"opt_b\",\n    \"RelatedEntityName\": \"T\",\n    \"Type\": \"OptionSetInfo\"\n  }\n]"
	if got["DataSources/T.json"] != want {
		t.Errorf("DataSources/T.json:\n%s\nwant\n%s", got["DataSources/T.json"], want)
	}
	if strings.Join(order, " ") != "DataSources/Other.json DataSources/T.json DataSources/Zed.json" {
		t.Errorf("files %v", order)
	}
	if len(conns) != 0 {
		t.Errorf("connections without LocalDatabaseReferences: %v", conns)
	}
}

func TestDataSourcesCDSSplit(t *testing.T) {
	refs := `{"default.cds":{"state":"Configured","instanceUrl":"https://org.example/","webApiVersion":"v9.0",
		"dataSources":{"Accounts":{"entitySetName":"accounts","logicalName":"account"},
		               "Gone":{"entitySetName":"gones","logicalName":"gone"},
		               "B":{"entitySetName":"bs","logicalName":"b"}}},
		"other.cds":{"instanceUrl":"https://other.example/","dataSources":{}}}`
	got, _, conns := splitJSON(t, `[
		{"Name":"account_statecode","RelatedEntityName":"Accounts","DatasetName":"default.cds","Type":"OptionSetInfo"},
		{"Name":"default.cds_account_views","RelatedEntityName":"Accounts","Type":"ViewInfo"},
		{"Name":"Accounts","DatasetName":"default.cds","Type":"NativeCDSDataSourceInfo","TableDefinition":"{\"TableName\":\"account\",\"Views\":\"{}\"}"},
		{"Name":"B","DatasetName":"default.cds","Type":"NativeCDSDataSourceInfo","TableDefinition":"{}"}
	]`, refs)
	wantDS := `[
  {
    "Name": "Accounts",
    "Type": "NativeCDSDataSourceInfo"
  },
  {
    "Name": "_account_views",
    "RelatedEntityName": "Accounts",
    "TrimmedViewName": true,
    "Type": "ViewInfo"
  },
  {
    "Name": "account_statecode",
    "RelatedEntityName": "Accounts",
    "Type": "OptionSetInfo"
  }
]`
	if got["DataSources/Accounts.json"] != wantDS {
		t.Errorf("DataSources/Accounts.json:\n%s", got["DataSources/Accounts.json"])
	}
	wantTD := `{
  "DatasetName": "default.cds",
  "EntityName": "Accounts",
  "InstanceUrl": "https://org.example/",
  "LocalReferenceDSJson": {
    "entitySetName": "accounts",
    "logicalName": "account"
  },
  "state": "Configured",
  "TableDefinition": {
    "TableName": "account",
    "Views": "{}"
  },
  "UnusedDataSources": {
    "Gone": {
      "entitySetName": "gones",
      "logicalName": "gone"
    }
  },
  "webApiVersion": "v9.0"
}`
	if got["pkgs/TableDefinitions/Accounts.json"] != wantTD {
		t.Errorf("pkgs/TableDefinitions/Accounts.json:\n%s", got["pkgs/TableDefinitions/Accounts.json"])
	}
	// Every table of the dataset carries the unused entries.
	if b := got["pkgs/TableDefinitions/B.json"]; !strings.Contains(b, `"Gone": {`) || !strings.Contains(b, `"entitySetName": "bs"`) {
		t.Errorf("pkgs/TableDefinitions/B.json:\n%s", b)
	}
	if len(conns) != 1 || conns["Connections/other.cds.json"] != "{\n  \"dataSources\": {},\n  \"instanceUrl\": \"https://other.example/\"\n}" {
		t.Errorf("connections: %v", conns)
	}
}

func TestDataSourcesCDSWithoutReferences(t *testing.T) {
	// No LocalDatabaseReferences entry for the dataset: no InstanceUrl, no
	// UnusedDataSources; a TableDefinition that is not JSON text stays as it is.
	got, _, _ := splitJSON(t, `[{"Name":"T","DatasetName":"ds","TableDefinition":"not json"},
		{"Name":"ds_t_views","RelatedEntityName":"T","Type":"ViewInfo","DatasetName":"elsewhere"}]`, "")
	want := "{\n  \"DatasetName\": \"ds\",\n  \"EntityName\": \"T\",\n  \"TableDefinition\": \"not json\"\n}"
	if got["pkgs/TableDefinitions/T.json"] != want {
		t.Errorf("pkgs/TableDefinitions/T.json:\n%s", got["pkgs/TableDefinitions/T.json"])
	}
	if ds := got["DataSources/T.json"]; !strings.Contains(ds, `"Name": "_t_views"`) || !strings.Contains(ds, `"DatasetName": "elsewhere"`) {
		t.Errorf("DataSources/T.json:\n%s", ds)
	}
}

func TestDataSourcesConnectorTable(t *testing.T) {
	got, _, _ := splitJSON(t, `[{"Name":"Issues","DatasetName":"https://x/sites/a","TableName":"guid-1",
		"DataEntityMetadataJson":{"guid-1":"{\"name\":\"guid-1\"}"},"Type":"ConnectedDataSourceInfo"}]`, "")
	if ds := got["DataSources/Issues.json"]; ds != "[\n  {\n    \"DatasetName\": \"https://x/sites/a\",\n    \"Name\": \"Issues\",\n    \"Type\": \"ConnectedDataSourceInfo\"\n  }\n]" {
		t.Errorf("DataSources/Issues.json:\n%s", ds)
	}
	want := "{\n  \"DataEntityMetadataJson\": {\n    \"guid-1\": \"{\\\"name\\\":\\\"guid-1\\\"}\"\n  },\n  \"EntityName\": \"Issues\",\n  \"TableName\": \"guid-1\"\n}"
	if got["pkgs/TableDefinitions/Issues.json"] != want {
		t.Errorf("pkgs/TableDefinitions/Issues.json:\n%s", got["pkgs/TableDefinitions/Issues.json"])
	}
}

func TestDataSourcesWadlAndSwagger(t *testing.T) {
	got, _, _ := splitJSON(t, `[
		{"Name":"Svc","Type":"ServiceInfo","WadlMetadata":{"WadlXml":"<application><doc title=\"t\"/></application>","SwaggerJson":"{\"b\":1,\"a\":2.50}"}},
		{"Name":"Keep","Type":"ServiceInfo","WadlMetadata":{"WadlXml":"<a>","Other":1}},
		{"Name":"Odd","WadlMetadata":"text"}
	]`, "")
	if ds := got["DataSources/Svc.json"]; strings.Contains(ds, "WadlMetadata") {
		t.Errorf("WadlMetadata left in DataSources/Svc.json:\n%s", ds)
	}
	if x := got["pkgs/Wadl/Svc.xml"]; x != "<application>\n  <doc title=\"t\" />\n</application>" {
		t.Errorf("pkgs/Wadl/Svc.xml:\n%s", x)
	}
	if s := got["pkgs/Swagger/Svc.json"]; s != "{\n  \"a\": 2.5,\n  \"b\": 1\n}" {
		t.Errorf("pkgs/Swagger/Svc.json:\n%s", s)
	}
	// XML that does not parse is shown as stored; other WadlMetadata fields stay.
	if x := got["pkgs/Wadl/Keep.xml"]; x != "<a>" {
		t.Errorf("pkgs/Wadl/Keep.xml: %q", x)
	}
	if ds := got["DataSources/Keep.json"]; !strings.Contains(ds, "\"WadlMetadata\": {\n      \"Other\": 1\n    }") {
		t.Errorf("DataSources/Keep.json:\n%s", ds)
	}
	if ds := got["DataSources/Odd.json"]; !strings.Contains(ds, `"WadlMetadata": "text"`) {
		t.Errorf("DataSources/Odd.json:\n%s", ds)
	}
}

func TestDataSourcesCollisions(t *testing.T) {
	// The group seen first keeps its name; pkgs/ files follow their group's name.
	got, _, _ := splitJSON(t, `[
		{"Name":"opt","RelatedEntityName":"Tables","DatasetName":"d"},
		{"Name":"TABLES","DatasetName":"d","TableDefinition":"{}"},
		{"Name":"Tables","DatasetName":"d","TableDefinition":"{}"},
		{"Name":"a/b"}, {"Name":"A%2FB"}
	]`, "")
	for name, entity := range map[string]string{"pkgs/TableDefinitions/Tables.json": "Tables", "pkgs/TableDefinitions/TABLES_1.json": "TABLES"} {
		if !strings.Contains(got[name], `"EntityName": "`+entity+`"`) {
			t.Errorf("%s:\n%s", name, got[name])
		}
	}
	for _, name := range []string{"DataSources/Tables.json", "DataSources/TABLES_1.json", "DataSources/a%2fb.json", "DataSources/A%252FB.json"} {
		if _, ok := got[name]; !ok {
			t.Errorf("no %s in %v", name, keys(got))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDataSourcesBadInput(t *testing.T) {
	for name, c := range map[string]struct{ ds, props, want string }{
		"DataSources.json not JSON": {`{"DataSources":[`, testProps, "=== References/DataSources.json ===\n(canvasgit: cannot render"},
		"DataSources not an array":  {`{"DataSources":{"a":1}}`, testProps, "=== Src/App.fx.yaml"},
		"odd field types": {`{"DataSources":[{"Name":1,"TableDefinition":5,"DatasetName":["x"],"DataEntityMetadataJson":null,"WadlMetadata":{"WadlXml":7,"SwaggerJson":"{"}}]}`,
			testProps, "=== pkgs/TableDefinitions/.json ==="},
		"LocalDatabaseReferences not JSON": {`{"DataSources":[]}`,
			`{"LocalDatabaseReferences":"{not json","Name":"t.msapp"}`, "LocalDatabaseReferences) ===\n(canvasgit: cannot render"},
		"LocalDatabaseReferences not an object": {`{"DataSources":[{"Name":"T","DatasetName":"d","TableDefinition":"{}"}]}`,
			`{"LocalDatabaseReferences":"[1]","Name":"t.msapp"}`, "=== pkgs/TableDefinitions/T.json ==="},
		"dataset entry not an object": {`{"DataSources":[{"Name":"T","DatasetName":"d","TableDefinition":"{}"}]}`,
			`{"LocalDatabaseReferences":"{\"d\":5,\"e\":{\"dataSources\":[]}}","Name":"t.msapp"}`, "=== Connections/e.json ===\n{\n  \"dataSources\": []\n}"},
	} {
		files := goodFiles(`"x"`)
		files[1].data = c.props
		files = append(files, zfile{`References\DataSources.json`, c.ds})
		out, err := render(t, makeZip(t, files), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(out, c.want) {
			t.Errorf("%s: output lacks %q:\n%s", name, c.want, out)
		}
		if !strings.Contains(out, "=== Src/Screen1.fx.yaml ===") {
			t.Errorf("%s: the rest of the app is not rendered", name)
		}
	}
}

// TestDataSourcesCorpus renders every corpus app and checks the split structurally:
// nothing pac moves to pkgs/ stays in DataSources/, every table definition and WADL
// has its file, and LocalDatabaseReferences end up where pac puts them.
func TestDataSourcesCorpus(t *testing.T) {
	dir := corpus.Dir(t, "msapp")
	for app, names := range dataSourceChecks {
		got := renderSections(t, filepath.Join(dir, app+".msapp"), Options{All: true})
		for _, n := range names {
			if _, ok := got[n]; !ok {
				t.Errorf("%s: no %s", app, n)
			}
		}
		for name, body := range got {
			if strings.HasPrefix(name, "DataSources/") {
				for _, bad := range []string{`"TableDefinition":`, `"WadlXml":`, `"SwaggerJson":`, `"DataEntityMetadataJson":`} {
					if strings.Contains(body, bad) {
						t.Errorf("%s: %s still has %s", app, name, bad)
					}
				}
			}
			if name == "Connections/LocalDatabaseReferences.json" {
				t.Errorf("%s: non-pac file %s", app, name)
			}
			if strings.Contains(body, "(canvasgit: cannot render") {
				t.Errorf("%s: %s: %s", app, name, body)
			}
		}
	}
	checkDataSourceDetails(t, dir)
}

// dataSourceChecks lists files pac writes for corpus apps (from format-legacy §2.5
// and the apps' References/DataSources.json and LocalDatabaseReferences).
var dataSourceChecks = map[string][]string{
	"MultipleDataSourcesWithOneUnused": {"DataSources/Accounts.json", "DataSources/account-2.json", "DataSources/Environment.json",
		"pkgs/TableDefinitions/Accounts.json", "pkgs/TableDefinitions/account-2.json", "pkgs/Wadl/Environment.xml"},
	"NoUnusedDataSources":                 {"pkgs/TableDefinitions/account-2.json", "pkgs/TableDefinitions/acccountBPF1.json"},
	"MyWeather":                           {"DataSources/MSNWeather.json", "pkgs/Wadl/MSNWeather.xml"},
	"WadlConnector":                       {"pkgs/Wadl/Office365Users.xml"},
	"AlmTestApp-asManyEntitiesAsPossible": {"pkgs/TableDefinitions/Contacts.json", "pkgs/Wadl/Contacts.xml"},
	"EmptyLocalDBRefsHashMismatchProperties": {"pkgs/Wadl/Office365Users.xml", "pkgs/Swagger/Office365Users.json",
		"pkgs/Swagger/ParentFlow.json"},
	"CollidingFilenames":            {"DataSources/CollidingTables.json", "DataSources/COLLIDINGTABLES_1.json", "pkgs/TableDefinitions/COLLIDINGTABLES_1.json"},
	"LocaleBasedApplication":        {"Connections/default.cds.json"},
	"SharepointAppWithHostControls": {"pkgs/TableDefinitions/Test Sharepoint Form.json"},
}

func checkDataSourceDetails(t *testing.T, dir string) {
	for _, app := range []string{"MultipleDataSourcesWithOneUnused", "NoUnusedDataSources", "LocaleBasedApplication"} {
		names := dataSourceChecks[app]
		got := renderSections(t, filepath.Join(dir, app+".msapp"), Options{})
		switch app {
		case "MultipleDataSourcesWithOneUnused":
			for _, n := range names[3:5] {
				if !strings.Contains(got[n], "\"UnusedDataSources\": {\n    \"environment_39a902ba\": {") {
					t.Errorf("%s: %s lacks the unused data source:\n%.600s", app, n, got[n])
				}
			}
			if !strings.Contains(got["DataSources/Accounts.json"], "\"Name\": \"_account_views\",\n    \"RelatedEntityName\": \"Accounts\",\n    \"TrimmedViewName\": true,") {
				t.Errorf("%s: view name not trimmed", app)
			}
		case "NoUnusedDataSources":
			if !strings.Contains(got[names[0]], `"UnusedDataSources": {}`) {
				t.Errorf("%s: %s: want empty UnusedDataSources", app, names[0])
			}
		case "LocaleBasedApplication":
			if !strings.Contains(got["Connections/default.cds.json"], `"instanceUrl": "https://org281b1078.crm10.dynamics.com/"`) {
				t.Errorf("%s: Connections/default.cds.json:\n%s", app, got["Connections/default.cds.json"])
			}
		}
	}
}
