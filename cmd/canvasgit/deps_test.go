package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Every package in the binary is initialised on every start, and git starts the merge
// driver once per file: packages the driver never uses must stay out. go-git's root
// package brings its network transports (ssh, http, tls), whose initialisation cost
// about 1 ms per start, and its object package an OpenPGP implementation; the gate
// reads repositories through go-git's storage only and decodes trees, commits and tags
// itself (gate/revision.go, gate/objects.go). santhosh-tekuri/jsonschema compiles its
// meta-schemas in a package init (about 21k allocations per start): check's tests use
// it as the oracle of canvasgit's own schema evaluator, the binary must not.
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
		case pkg == "github.com/go-git/go-git/v5",
			strings.Contains(pkg, "go-git/v5/plumbing/transport"),
			pkg == "github.com/go-git/go-git/v5/plumbing/object",
			strings.HasPrefix(pkg, "github.com/ProtonMail/go-crypto"),
			strings.HasPrefix(pkg, "github.com/santhosh-tekuri/jsonschema"),
			pkg == "golang.org/x/crypto/ssh",
			pkg == "crypto/tls",
			pkg == "net/http":
			t.Errorf("canvasgit links %s", pkg)
		}
	}
}
