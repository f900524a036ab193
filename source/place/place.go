// Package place reads the files of canvas apps from where they are: a work tree, git's
// index, a commit (through git processes), and, through the same interface, a tree
// held in memory (the gate's merged trees, in package gate) and an .msapp archive (in
// package textconv). The callers (check, gate, the command line) pick a place and ask
// it for an app's files; which files make an app is package source/app's answer.
//
// Every place reads a file only up to MaxFileSize: a bigger file is listed as Unread,
// never loaded whole, so a hostile or broken tree costs bounded memory.
package place

import (
	"fmt"

	"github.com/canvasgit/canvasgit/source/app"
)

// Place holds the files of zero or more apps.
type Place interface {
	// Paths lists every file of the place: slash paths relative to its top, sorted.
	Paths() ([]string, error)
	// App reads the files under the folder root (a slash path relative to the top,
	// "." for the top itself), with paths relative to root.
	App(root string) (*AppFiles, error)
}

// AppFiles are the files of one app as a place holds them.
type AppFiles struct {
	// Files are the files read, paths relative to the app root (slash form).
	Files []File
	// Unread are the files of the app that were not read, with the reason.
	Unread []Unread
}

// File is one file read: its path relative to the app root and its content.
type File struct {
	Path string
	Data []byte
}

// Unread is a file of the app that was not read: a link out of the app, a file that
// is not a regular file, one over MaxFileSize.
type Unread struct {
	Path string
	Why  string
	// OverLimit is set when the file was not read because it is over MaxFileSize.
	OverLimit bool
}

// MaxFileSize is the most a place reads of one file. The largest files of real apps
// (App Checker results, big screens) are a few megabytes.
const MaxFileSize = 64 << 20

// TooLargeWhy is the reason given for a file over MaxFileSize, wherever it was read
// from. A constant, not a variable built from MaxFileSize: package variables made by
// code are made on every start of the binary, the merge driver's too
// (TestTooLargeWhyNamesTheLimit checks that it names MaxFileSize).
const TooLargeWhy = "larger than 64 MiB, far more than any app source file: not read"

// TooLarge is the Unread entry of the file at p, over MaxFileSize.
func TooLarge(p string) Unread { return Unread{Path: p, Why: TooLargeWhy, OverLimit: true} }

// NoAppError is a path with no app in or above it.
type NoAppError struct{ Path string }

func (e *NoAppError) Error() string {
	return fmt.Sprintf("no canvas app (a folder holding %s or Src/**/*.pa.yaml) in or above %s", app.ManifestName, e.Path)
}
