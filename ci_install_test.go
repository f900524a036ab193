package canvasgit

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeCanvasgit stands in for the release binary: the install script runs it to show
// the installed version.
const fakeCanvasgit = "#!/bin/sh\necho \"canvasgit v1.2.3 (commit 0123456789ab, built 2026-12-06T08:00:00Z)\"\n"

// fakeRelease writes <dir>/v1.2.3/ with one archive and a checksums.txt the way
// GoReleaser names them, and returns the archive's path.
func fakeRelease(t *testing.T, dir, goos string) string {
	t.Helper()
	rel := filepath.Join(dir, "v1.2.3")
	if err := os.MkdirAll(rel, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	name := "canvasgit_1.2.3_" + goos + "_amd64."
	if goos == "windows" {
		name += "zip"
		zw := zip.NewWriter(&buf)
		for _, f := range []string{"canvasgit.exe", "README.md"} {
			h := &zip.FileHeader{Name: f, Method: zip.Deflate}
			h.SetMode(0o755)
			w, err := zw.CreateHeader(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(fakeCanvasgit))
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	} else {
		name += "tar.gz"
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, f := range []string{"canvasgit", "README.md"} {
			if err := tw.WriteHeader(&tar.Header{Name: f, Mode: 0o755, Size: int64(len(fakeCanvasgit)), Typeflag: tar.TypeReg}); err != nil {
				t.Fatal(err)
			}
			tw.Write([]byte(fakeCanvasgit))
		}
		tw.Close()
		gz.Close()
	}
	path := filepath.Join(rel, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	line := hex.EncodeToString(sum[:]) + "  " + name + "\n"
	if err := os.WriteFile(filepath.Join(rel, "checksums.txt"), []byte("0000  other.tar.gz\n"+line), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runInstallScript(t *testing.T, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "ci/install-canvasgit.sh")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestInstallScript drives ci/install-canvasgit.sh (what the GitHub Action and the
// Azure template run) against a release laid out on disk: it installs a verified
// archive, and refuses one whose checksum does not match.
func TestInstallScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the script is tested on Unix; CI runners on Windows run it in Git Bash")
	}
	for _, tool := range []string{"bash", "curl", "tar", "awk"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	archive := fakeRelease(t, dir, "linux")
	url := "CANVASGIT_RELEASE_URL=file://" + dir
	common := []string{url, "CANVASGIT_OS=linux", "CANVASGIT_ARCH=amd64"}

	bin := filepath.Join(t.TempDir(), "bin")
	out, err := runInstallScript(t, append(common, "CANVASGIT_VERSION=v1.2.3", "CANVASGIT_BIN_DIR="+bin)...)
	if err != nil {
		t.Fatalf("install failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "canvasgit_1.2.3_linux_amd64.tar.gz verified") || !strings.Contains(out, "canvasgit v1.2.3 (commit 0123456789ab") {
		t.Errorf("output does not show the verified archive and the version:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(bin, "canvasgit")); err != nil {
		t.Errorf("no binary installed: %v", err)
	}

	// A tampered archive is not installed.
	if err := os.WriteFile(archive, []byte("not the release"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin2 := filepath.Join(t.TempDir(), "bin")
	out, err = runInstallScript(t, append(common, "CANVASGIT_VERSION=v1.2.3", "CANVASGIT_BIN_DIR="+bin2)...)
	if err == nil || !strings.Contains(out, "does not match checksums.txt of v1.2.3") {
		t.Errorf("tampered archive: err=%v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(bin2, "canvasgit")); err == nil {
		t.Errorf("a tampered archive was installed")
	}

	// A platform the release has no line for, and a version that is not a tag.
	out, err = runInstallScript(t, url, "CANVASGIT_OS=linux", "CANVASGIT_ARCH=arm64", "CANVASGIT_VERSION=v1.2.3", "CANVASGIT_BIN_DIR="+bin2)
	if err == nil || !strings.Contains(out, "cannot download canvasgit_1.2.3_linux_arm64.tar.gz") {
		t.Errorf("missing archive: err=%v\n%s", err, out)
	}
	out, err = runInstallScript(t, append(common, "CANVASGIT_VERSION=main", "CANVASGIT_BIN_DIR="+bin2)...)
	if err == nil || !strings.Contains(out, `version "main" is not a release tag`) {
		t.Errorf("branch as version: err=%v\n%s", err, out)
	}
}

// The Windows archive is a zip holding canvasgit.exe.
func TestInstallScriptZip(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the script is tested on Unix")
	}
	for _, tool := range []string{"bash", "curl", "unzip", "awk"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	fakeRelease(t, dir, "windows")
	bin := filepath.Join(t.TempDir(), "bin")
	out, err := runInstallScript(t, "CANVASGIT_RELEASE_URL=file://"+dir, "CANVASGIT_OS=windows", "CANVASGIT_ARCH=amd64",
		"CANVASGIT_VERSION=v1.2.3", "CANVASGIT_BIN_DIR="+bin)
	if err != nil {
		t.Fatalf("install failed: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(bin, "canvasgit.exe")); err != nil {
		t.Errorf("no canvasgit.exe installed: %v", err)
	}
}

// The Azure template cannot read files of this repository at run time, so it holds the
// install script inline; it must be the same script.
func TestAzureTemplateInlinesInstallScript(t *testing.T) {
	script, err := os.ReadFile("ci/install-canvasgit.sh")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := os.ReadFile("ci/azure-pipelines/canvasgit-gate.yml")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(script), "set -euo pipefail\n")
	if !ok {
		t.Fatal("ci/install-canvasgit.sh has no set -euo pipefail line")
	}
	const begin, end = "# >>> ci/install-canvasgit.sh >>>\n", "# <<< ci/install-canvasgit.sh <<<\n"
	i, j := strings.Index(string(tmpl), begin), strings.Index(string(tmpl), end)
	if i < 0 || j < i {
		t.Fatalf("the template has no block between %q and %q", begin, end)
	}
	// The block's lines, without the YAML indentation of its first line.
	block := string(tmpl)[i+len(begin) : j]
	lines := strings.Split(block, "\n")
	indent := lines[0][:len(lines[0])-len(strings.TrimLeft(lines[0], " "))]
	for k, l := range lines {
		lines[k] = strings.TrimPrefix(l, indent)
	}
	inline := strings.TrimRight(strings.Join(lines, "\n"), " ")
	if inline != "set -euo pipefail\n"+body {
		t.Errorf("the template's inline script differs from ci/install-canvasgit.sh; copy the script (from set -euo pipefail on) between the markers")
	}
}
