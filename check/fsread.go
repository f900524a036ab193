package check

import (
	"github.com/canvasgit/canvasgit/source/place"
)

// The checks read an app from a place (package source/place): a work tree, git's index
// or a commit, the gate's merged tree. The place reads each file up to MaxFileSize and
// says which it did not read and why (a link out of the app, a file too big); each of
// those is a `file` error naming the file.

// MaxFileSize is the most a place reads of one file (see place.MaxFileSize).
const MaxFileSize = place.MaxFileSize

// CheckPlace checks the app whose folder is root (a slash path relative to the
// place's top, "." for the top). ErrNoManifest when there is no app there.
func CheckPlace(p place.Place, root string) (*Report, error) {
	files, err := p.App(root)
	if err != nil {
		return nil, err
	}
	return checkRead(files)
}

// checkRead checks the files a place read.
func checkRead(files *place.AppFiles) (*Report, error) {
	list := make([]file, len(files.Files))
	for i, f := range files.Files {
		list[i] = file{path: f.Path, data: f.Data}
	}
	skipped := make([]Finding, len(files.Unread))
	for i, u := range files.Unread {
		skipped[i] = unreadFinding(u)
	}
	return checkList(list, skipped...)
}

// unreadFinding is the `file` error for a file the place did not read.
func unreadFinding(u place.Unread) Finding {
	return Finding{Severity: Error, Check: CheckFile, Names: []string{u.Path}, Location: Location{File: u.Path},
		OverLimit: u.OverLimit, message: u.Why}
}
