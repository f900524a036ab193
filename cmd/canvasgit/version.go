package main

import (
	"runtime/debug"
	"strings"
)

// Release builds stamp these with -ldflags (see .goreleaser.yaml):
//
//	-X main.version=1.2.3 -X main.commit=<full hash> -X main.date=<RFC 3339 commit date>
//
// A `go install github.com/canvasgit/canvasgit/cmd/canvasgit@v1.2.3` build is not
// stamped; versionString then reads the module version (and, for a build from a
// checkout, the commit) that the Go toolchain records in the binary.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// versionNumber is the resolved version alone, which gate reports carry. It is worked
// out when asked for, not in an init: reading the build information costs every
// merge driver start otherwise.
func versionNumber() string {
	return buildVersion(version, commit, date, readBuildInfo()).number
}

// versionString is what `canvasgit version` and `canvasgit --version` print after
// "canvasgit ": the version, then the commit and date when known, e.g.
// "v1.2.3 (commit 0123456789ab, committed 2026-12-06T08:00:00Z)". It does not repeat the
// program's name, so it also fits cobra's Version field.
func versionString() string {
	return buildVersion(version, commit, date, readBuildInfo()).String()
}

func readBuildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}

// versionInfo is a resolved version: number is "v1.2.3" or "dev"; commit and when are
// empty when unknown.
type versionInfo struct {
	number string
	commit string
	// when is the commit's date: releases stamp it (not the build time, which would
	// make the build unreproducible), and a build from a checkout records vcs.time.
	when     string
	modified bool
}

func (v versionInfo) String() string {
	var details []string
	if v.commit != "" {
		c := v.commit
		if len(c) > 12 {
			c = c[:12]
		}
		if v.modified {
			c += ", with uncommitted changes"
		}
		details = append(details, "commit "+c)
	}
	if v.when != "" {
		details = append(details, "committed "+v.when)
	}
	if len(details) == 0 {
		return v.number
	}
	return v.number + " (" + strings.Join(details, ", ") + ")"
}

// buildVersion prefers the stamped values; a field the release did not stamp comes
// from the build info, where the toolchain records the module version of a
// `go install ...@version` build and the vcs.* settings of a build from a checkout.
func buildVersion(stamped, stampedCommit, stampedDate string, info *debug.BuildInfo) versionInfo {
	v := versionInfo{number: normalizeVersion(stamped), commit: stampedCommit, when: stampedDate}
	if info == nil {
		return v
	}
	if v.number == "dev" {
		if mv := info.Main.Version; mv != "" && mv != "(devel)" {
			v.number = normalizeVersion(mv)
		}
	}
	if v.commit == "" && v.when == "" {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.commit = s.Value
			case "vcs.time":
				v.when = s.Value
			case "vcs.modified":
				v.modified = s.Value == "true"
			}
		}
	}
	return v
}

// normalizeVersion writes every version the way Go modules and git tags do, "v1.2.3":
// GoReleaser's {{.Version}} drops the tag's "v".
func normalizeVersion(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "dev"
	}
	if s[0] >= '0' && s[0] <= '9' {
		return "v" + s
	}
	return s
}
