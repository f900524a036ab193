package gate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/canvasgit/canvasgit/merge"
)

// SARIF 2.1.0 output: one result per conflicting or refused region (per file when the
// conflict has no region, e.g. modify/delete), ruleId "<rule kind>/<status>", located
// in SOURCE's version of the file when the region could be found there.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	toolURI      = "https://github.com/canvasgit/canvasgit"
)

// SarifLog is the root of a SARIF file.
type SarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SarifRun `json:"runs"`
}

// SarifRun is one run of the gate.
type SarifRun struct {
	Tool              SarifTool              `json:"tool"`
	AutomationDetails *SarifAutomation       `json:"automationDetails,omitempty"`
	Results           []SarifResult          `json:"results"`
	Properties        map[string]interface{} `json:"properties,omitempty"`
}

type SarifAutomation struct {
	ID string `json:"id"`
}

type SarifTool struct {
	Driver SarifDriver `json:"driver"`
}

type SarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []SarifRule `json:"rules"`
}

type SarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     SarifMessage       `json:"shortDescription"`
	FullDescription      *SarifMessage      `json:"fullDescription,omitempty"`
	Help                 *SarifMessage      `json:"help,omitempty"`
	DefaultConfiguration SarifConfiguration `json:"defaultConfiguration"`
}

type SarifConfiguration struct {
	Level string `json:"level"`
}

type SarifMessage struct {
	Text string `json:"text"`
}

type SarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   SarifMessage    `json:"message"`
	Locations []SarifLocation `json:"locations"`
}

type SarifLocation struct {
	PhysicalLocation SarifPhysical `json:"physicalLocation"`
}

type SarifPhysical struct {
	ArtifactLocation SarifArtifact `json:"artifactLocation"`
	Region           *SarifRegion  `json:"region,omitempty"`
}

type SarifArtifact struct {
	URI string `json:"uri"`
}

type SarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine,omitempty"`
}

// Sarif converts the report.
func Sarif(rep *Report, version string) *SarifLog {
	run := SarifRun{
		Tool: SarifTool{Driver: SarifDriver{Name: "canvasgit", InformationURI: toolURI, Version: version, Rules: []SarifRule{}}},
		AutomationDetails: &SarifAutomation{
			ID: fmt.Sprintf("canvasgit-gate/%s...%s/", short(rep.Target.Commit), short(rep.Source.Commit)),
		},
		Results: []SarifResult{},
		Properties: map[string]interface{}{
			"verdict": rep.Verdict,
			"target":  rep.Target,
			"source":  rep.Source,
		},
	}
	ruleIndex := map[string]int{}
	var ids []string
	anns := annotations(rep)
	for _, a := range anns {
		if a.level == "error" {
			if _, ok := ruleIndex[a.ruleID]; !ok {
				ruleIndex[a.ruleID] = 0
				ids = append(ids, a.ruleID)
			}
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		ruleIndex[id] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(id))
	}
	for _, a := range anns {
		if a.level != "error" {
			continue
		}
		loc := SarifLocation{PhysicalLocation: SarifPhysical{ArtifactLocation: SarifArtifact{URI: uriOf(a.path)}}}
		if a.line > 0 {
			loc.PhysicalLocation.Region = &SarifRegion{StartLine: a.line, EndLine: a.end}
		}
		run.Results = append(run.Results, SarifResult{
			RuleID:    a.ruleID,
			RuleIndex: ruleIndex[a.ruleID],
			Level:     "error",
			Message:   SarifMessage{Text: a.message},
			Locations: []SarifLocation{loc},
		})
	}
	return &SarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []SarifRun{run}}
}

// sarifRule describes a "<kind>/<status>" rule from the rules table.
func sarifRule(id string) SarifRule {
	slug, status, _ := strings.Cut(id, "/")
	rule := merge.Rule{Kind: merge.KindOther}
	for _, r := range merge.AllRules() {
		if ruleSlug(r.Kind) == slug {
			rule = r
			break
		}
	}
	name := strings.ReplaceAll(slug, "-", " ")
	sr := SarifRule{
		ID:                   id,
		Name:                 strings.ReplaceAll(id, "/", "-"),
		ShortDescription:     SarifMessage{Text: fmt.Sprintf("%s file %s when merging", name, status)},
		DefaultConfiguration: SarifConfiguration{Level: "error"},
	}
	full := fmt.Sprintf("Files matching %s are merged with the %s strategy.", rule.Paths, rule.Strategy)
	if rule.Why != "" {
		full += " " + rule.Why + "."
	}
	sr.FullDescription = &SarifMessage{Text: full}
	help := "Merge locally with the canvasgit merge driver installed (canvasgit install), resolve the conflicts, and push the merge."
	if status == StatusRefused && rule.Hint != "" {
		help = strings.ToUpper(rule.Hint[:1]) + rule.Hint[1:] + "."
	}
	sr.Help = &SarifMessage{Text: help}
	return sr
}
