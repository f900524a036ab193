package main

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	checkout := &debug.BuildInfo{
		Main: debug.Module{Path: "github.com/canvasgit/canvasgit", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	goInstall := &debug.BuildInfo{Main: debug.Module{Path: "github.com/canvasgit/canvasgit", Version: "v1.4.0"}}
	for _, tt := range []struct {
		name                  string
		version, commit, date string
		info                  *debug.BuildInfo
		want                  string
		wantNumber            string
	}{
		{"release", "1.4.0", "fedcba9876543210fedcba9876543210fedcba98", "2026-12-06T08:00:00Z", checkout,
			"v1.4.0 (commit fedcba987654, committed 2026-12-06T08:00:00Z)", "v1.4.0"},
		{"snapshot", "1.4.1-SNAPSHOT-fedcba9", "fedcba9", "2026-12-06T08:00:00Z", nil,
			"v1.4.1-SNAPSHOT-fedcba9 (commit fedcba9, committed 2026-12-06T08:00:00Z)", "v1.4.1-SNAPSHOT-fedcba9"},
		{"go install", "dev", "", "", goInstall, "v1.4.0", "v1.4.0"},
		{"go build in a checkout", "dev", "", "", checkout,
			"dev (commit 0123456789ab, with uncommitted changes, committed 2026-12-01T10:00:00Z)", "dev"},
		{"no build info", "dev", "", "", nil, "dev", "dev"},
		{"empty stamp", "", "", "", nil, "dev", "dev"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := buildVersion(tt.version, tt.commit, tt.date, tt.info)
			if got := v.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if v.number != tt.wantNumber {
				t.Errorf("number = %q, want %q", v.number, tt.wantNumber)
			}
		})
	}
}
