package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Every package in the binary is initialised on every start, and git starts the merge
// driver once per file: packages the driver never uses must stay out. go-git is out
// entirely (the gate reads repositories with internal/gitobj): its storage packages
// alone cost every start internal/url's regexp compiles and encoding/gob's init
// (through go-git/v5/config and go-git/gcfg). Counted with callgrind
// (GODEBUG=asyncpreemptoff=1, medians of five), `canvasgit version` went from 2.02 M
// instructions with them to 1.37 M without, a tiny merge from 2.29 M to 1.68 M (a
// hello-world Go binary: 0.36 M); GODEBUG=inittrace=1 counts 67 inits instead of 84.
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
