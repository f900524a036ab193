package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Every package in the binary is initialised on every start, and git starts the merge
// driver once per file: packages the driver never uses must stay out. go-git is out
// entirely: the gate reads repositories with internal/gitobj. Even its storage
// packages cost every start its internal/url regexp compiles and encoding/gob's init
// (through go-git/v5/config and go-git/gcfg): callgrind counted 2.0 M instructions
// for `canvasgit version` with them, INSTR_NEW without (a hello-world Go binary: 0.34 M).
// santhosh-tekuri/jsonschema compiles its meta-schemas in a package init (about 21k
// allocations per start): check's tests use it as the oracle of canvasgit's own schema
// evaluator, the binary must not.
func TestBinaryLeavesOutWhatTheDriverNeverUses(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not installed")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch {
		case strings.HasPrefix(pkg, "github.com/go-git/"),
			pkg == "encoding/gob",
			strings.HasPrefix(pkg, "github.com/ProtonMail/go-crypto"),
			strings.HasPrefix(pkg, "github.com/santhosh-tekuri/jsonschema"),
			pkg == "golang.org/x/crypto/ssh",
			pkg == "crypto/tls",
			pkg == "net/http":
			t.Errorf("canvasgit links %s", pkg)
		}
	}
}
