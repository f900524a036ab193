package check

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Reading an app from a work tree must not be a way out of it. A source file that is a
// symbolic link to /dev/zero would be read forever, one to ~/.ssh/id_rsa would be read
// and quoted in messages. So CheckFS follows a link only when it ends, within a few
// hops, at a regular file inside the app folder, and reads no file beyond
// MaxFileSize. Anything else is a finding that names the file.

// MaxFileSize is the most CheckFS reads of one file. The largest files of real apps
// (App Checker results, big screens) are a few megabytes.
const MaxFileSize = 64 << 20

// maxLinkHops bounds a chain of symbolic links (a link to a link ...).
const maxLinkHops = 8

// unreadable is why CheckFS did not read a file.
type unreadable struct {
	why       string
	overLimit bool // over MaxFileSize, see Finding.OverLimit
}

func (u *unreadable) Error() string { return u.why }

// resolveLink follows the symbolic link at p (a path in fsys) to the regular file it
// ends at, which must be inside fsys; an *unreadable error says why not. A link that
// leads nowhere returns fs.ErrNotExist.
func resolveLink(fsys fs.FS, p string) (string, error) {
	cur := p
	for hop := 0; ; hop++ {
		if hop == maxLinkHops {
			return "", &unreadable{why: fmt.Sprintf("symbolic link chain longer than %d links: not read", maxLinkHops)}
		}
		target, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return "", &unreadable{why: fmt.Sprintf("symbolic link that cannot be read (%v): not read", err)}
		}
		t := strings.ReplaceAll(target, `\`, "/")
		if path.IsAbs(t) || (len(t) > 1 && t[1] == ':') {
			return "", &unreadable{why: fmt.Sprintf("symbolic link to %s, outside the app: not read", target)}
		}
		next := path.Join(path.Dir(cur), t)
		if next == ".." || strings.HasPrefix(next, "../") {
			return "", &unreadable{why: fmt.Sprintf("symbolic link to %s, outside the app: not read", target)}
		}
		// A folder on the way that is itself a link could lead anywhere.
		parts := strings.Split(next, "/")
		for i := 1; i < len(parts); i++ {
			info, err := fs.Lstat(fsys, strings.Join(parts[:i], "/"))
			if err != nil {
				return "", err
			}
			if info.Mode()&fs.ModeSymlink != 0 {
				return "", &unreadable{why: fmt.Sprintf("symbolic link to %s, through the linked folder %s: not read", target, strings.Join(parts[:i], "/"))}
			}
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			cur = next
		case !info.Mode().IsRegular():
			return "", &unreadable{why: fmt.Sprintf("symbolic link to %s, which is not a regular file: not read", target)}
		default:
			return next, nil
		}
	}
}

// readBounded reads the regular file p of fsys, at most MaxFileSize bytes.
func readBounded(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		return nil, &unreadable{why: "not a regular file: not read"}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &unreadable{why: tooLargeWhy, overLimit: true}
	}
	return data, nil
}

// tooLargeWhy is the message of a file over MaxFileSize, wherever it was read from.
var tooLargeWhy = fmt.Sprintf("larger than %d MiB, far more than any app source file: not read", MaxFileSize>>20)

// unreadFinding is the `file` error for the file p, not read for the reason u.
func unreadFinding(p string, u *unreadable) Finding {
	return Finding{Severity: Error, Check: CheckFile, Names: []string{p}, Location: Location{File: p},
		OverLimit: u.overLimit, message: u.why}
}

// tooLargeFinding is the `file` error for a file over MaxFileSize.
func tooLargeFinding(p string) Finding {
	return unreadFinding(p, &unreadable{why: tooLargeWhy, overLimit: true})
}

// readAppFile reads the file at p of a walk over fsys (d its entry): a regular file,
// or a symbolic link that resolveLink accepts. ok is false for a link that leads
// nowhere (not an app file). An *unreadable error is a finding, not a failure.
func readAppFile(fsys fs.FS, p string, d fs.DirEntry) (data []byte, ok bool, err error) {
	real := p
	if d.Type()&fs.ModeSymlink != 0 {
		real, err = resolveLink(fsys, p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil // a dangling link is not an app file
		}
		if err != nil {
			return nil, false, err
		}
	}
	data, err = readBounded(fsys, real)
	return data, err == nil, err
}
