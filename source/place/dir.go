package place

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// Dir is a folder of the file system (os.DirFS of a work tree, or any fs.FS that
// implements fs.ReadLinkFS, as os.DirFS does).
//
// Reading an app from a work tree must not be a way out of it. A source file that is a
// symbolic link to /dev/zero would be read forever, one to ~/.ssh/id_rsa would be read
// and quoted in messages. So Dir follows a link only when it ends, within a few hops,
// at a regular file inside the app folder, and reads no file beyond MaxFileSize.
// Anything else is Unread, with the reason.
type Dir struct{ FS fs.FS }

// maxLinkHops bounds a chain of symbolic links (a link to a link ...).
const maxLinkHops = 8

// Paths lists the regular files and links of the folder, skipping .git folders.
func (d Dir) Paths() ([]string, error) {
	var out []string
	err := walkFiles(d.FS, func(p string, _ fs.DirEntry) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// walkFiles calls fn for every regular file and symbolic link of fsys, in lexical
// order, skipping folders named .git (another repository's objects, not app files).
func walkFiles(fsys fs.FS, fn func(p string, e fs.DirEntry) error) error {
	return fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != "." && e.Name() == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		return fn(p, e)
	})
}

// App reads every regular file under root, and every symbolic link that leads to a
// regular file inside root; folders named .git are skipped.
func (d Dir) App(root string) (*AppFiles, error) {
	fsys := d.FS
	if root != "." && root != "" {
		sub, err := fs.Sub(d.FS, root)
		if err != nil {
			return nil, err
		}
		fsys = sub
	}
	out := &AppFiles{}
	err := walkFiles(fsys, func(p string, e fs.DirEntry) error {
		data, ok, err := readAppFile(fsys, p, e)
		var u *unreadable
		if errors.As(err, &u) {
			out.Unread = append(out.Unread, Unread{Path: p, Why: u.why, OverLimit: u.overLimit})
			return nil
		}
		if err != nil {
			return err
		}
		if ok {
			out.Files = append(out.Files, File{Path: p, Data: data})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// unreadable is why a file was not read.
type unreadable struct {
	why       string
	overLimit bool // over MaxFileSize
}

func (u *unreadable) Error() string { return u.why }

// readAppFile reads the file at p of a walk over fsys (d its entry): a regular file,
// or a symbolic link that resolveLink accepts. ok is false for a link that leads
// nowhere (not an app file). An *unreadable error is an Unread file, not a failure.
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
		return nil, &unreadable{why: TooLargeWhy, overLimit: true}
	}
	return data, nil
}
