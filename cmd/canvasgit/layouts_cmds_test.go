package main

import (
	"os"
	"strings"

	"github.com/canvasgit/canvasgit/internal/layouts"
	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands that build the git-integration and SourceCode layouts from a corpus
// msapp and make the edits a Studio save makes (testdata/script/layouts_*.txtar).
var layoutCmds = map[string]func(*testscript.TestScript, bool, []string){
	// mkgitintegration MSAPP DIR SCHEMA
	"mkgitintegration": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 3 {
			ts.Fatalf("usage: mkgitintegration MSAPP DIR SCHEMA")
		}
		ts.Check(layouts.GitIntegration(ts.MkAbs(args[0]), ts.MkAbs(args[1]), args[2]))
	},
	// mksourcecode MSAPP DIR NAME
	"mksourcecode": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 3 {
			ts.Fatalf("usage: mksourcecode MSAPP DIR NAME")
		}
		ts.Check(layouts.SourceCode(ts.MkAbs(args[0]), ts.MkAbs(args[1]), args[2]))
	},
	// replace FILE OLD NEW: OLD must occur exactly once. \n in OLD and NEW is a newline.
	"replace": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 3 {
			ts.Fatalf("usage: replace FILE OLD NEW")
		}
		file := ts.MkAbs(args[0])
		old, new := unescape(args[1]), unescape(args[2])
		b, err := os.ReadFile(file)
		ts.Check(err)
		if n := strings.Count(string(b), old); n != 1 {
			ts.Fatalf("%s holds %q %d times, want once", args[0], old, n)
		}
		ts.Check(os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
	},
	// crlfreplace FILE OLD NEW: replace, with \r in OLD and NEW a carriage return
	// (Studio writes the msapp's JSON with CRLF line ends).
	"crlfreplace": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 3 {
			ts.Fatalf("usage: crlfreplace FILE OLD NEW")
		}
		cr := func(s string) string { return strings.ReplaceAll(unescape(s), `\r`, "\r") }
		file := ts.MkAbs(args[0])
		b, err := os.ReadFile(file)
		ts.Check(err)
		old, new := cr(args[1]), cr(args[2])
		if n := strings.Count(string(b), old); n != 1 {
			ts.Fatalf("%s holds %q %d times, want once", args[0], old, n)
		}
		ts.Check(os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644))
	},
	// zipreplace ZIP ENTRY OLD NEW: the same inside one entry of a zip (a .msapr).
	"zipreplace": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 4 {
			ts.Fatalf("usage: zipreplace ZIP ENTRY OLD NEW")
		}
		ts.Check(layouts.ZipReplace(ts.MkAbs(args[0]), args[1], unescape(args[2]), unescape(args[3])))
	},
	// zipcat ZIP ENTRY: the entry's bytes on stdout.
	"zipcat": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: zipcat ZIP ENTRY")
		}
		b, err := layouts.ZipRead(ts.MkAbs(args[0]), args[1])
		ts.Check(err)
		ts.Stdout().Write(b)
	},
}

func unescape(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }
