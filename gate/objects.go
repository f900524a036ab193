package gate

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/canvasgit/canvasgit/internal/gitobj"
)

// The gate decodes the three kinds of git objects it reads (trees, commits, annotated
// tags) itself, from the raw objects package gitobj reads. The formats are git's own:
//
//	tree:   entries of "<octal mode> <name>\x00<20-byte id>", sorted by name, a folder's
//	        name compared as if it ended in "/"
//	commit: header lines "tree <id>", "parent <id>" (any number), "author …",
//	        "committer <name> <<email>> <unix time> <zone>", other headers and
//	        continuation lines (starting with a space), a blank line, the message
//	tag:    header lines "object <id>", "type <kind>", …, a blank line, the message

// treeMode is a tree entry's mode: the kind of entry in the high bits (typeMask), the
// permission bits of a file.
type treeMode uint32

// The canonical modes, as git writes them.
const (
	modeDir        treeMode = 0o040000
	modeRegular    treeMode = 0o100644
	modeExecutable treeMode = 0o100755
	modeSymlink    treeMode = 0o120000
	modeSubmodule  treeMode = 0o160000
)

// treeEntry is one entry of a tree.
type treeEntry struct {
	Name string
	Mode treeMode
	Hash gitobj.ID
}

// gitTree is a decoded tree, or one the gate built in memory.
type gitTree struct {
	Hash    gitobj.ID
	Entries []treeEntry
}

var errMalformedTree = errors.New("malformed tree")

// decodeTree reads a tree object. Modes are made canonical as git does when it reads
// a tree (a file is 100644 or 100755 whatever other permission bits it was written
// with; an unknown type is a submodule).
func decodeTree(id gitobj.ID, data []byte) (*gitTree, error) {
	t := &gitTree{Hash: id}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp < 0 {
			return nil, fmt.Errorf("%w: missing mode terminator", errMalformedTree)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, fmt.Errorf("%w: malformed mode", errMalformedTree)
		}
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul < 0 {
			return nil, fmt.Errorf("%w: missing filename terminator", errMalformedTree)
		}
		if nul == 0 {
			return nil, fmt.Errorf("%w: empty filename", errMalformedTree)
		}
		name := string(data[:nul])
		data = data[nul+1:]
		var h gitobj.ID
		if len(data) < len(h) {
			return nil, fmt.Errorf("%w: truncated object id", errMalformedTree)
		}
		copy(h[:], data)
		data = data[len(h):]
		t.Entries = append(t.Entries, treeEntry{Name: name, Mode: canonicalMode(treeMode(mode)), Hash: h})
	}
	return t, nil
}

func canonicalMode(m treeMode) treeMode {
	switch m & 0o170000 {
	case 0o040000:
		return modeDir
	case 0o100000:
		if m&0o111 != 0 {
			return modeExecutable
		}
		return modeRegular
	case 0o120000:
		return modeSymlink
	}
	return modeSubmodule
}

// sortName is an entry's name as git sorts it: a folder's with a trailing "/".
func (e *treeEntry) sortName() string {
	if e.Mode == modeDir {
		return e.Name + "/"
	}
	return e.Name
}

// sortTreeEntries puts entries in git's tree order.
func sortTreeEntries(es []treeEntry) {
	sort.Slice(es, func(i, j int) bool { return es[i].sortName() < es[j].sortName() })
}

// encodeTree writes a tree's entries (in git's order) as a tree object and returns
// its id.
func encodeTree(es []treeEntry) (gitobj.ID, error) {
	var b bytes.Buffer
	for _, e := range es {
		if bytes.IndexByte([]byte(e.Name), 0) >= 0 {
			return gitobj.ZeroID, fmt.Errorf("malformed filename %q", e.Name)
		}
		b.WriteString(strconv.FormatUint(uint64(e.Mode), 8))
		b.WriteByte(' ')
		b.WriteString(e.Name)
		b.WriteByte(0)
		b.Write(e.Hash[:])
	}
	return gitobj.HashObject(gitobj.TypeTree, b.Bytes()), nil
}

// gitCommit is what the gate reads of a commit.
type gitCommit struct {
	Hash          gitobj.ID
	TreeHash      gitobj.ID
	ParentHashes  []gitobj.ID
	CommitterTime int64 // seconds since the Unix epoch
}

// getCommit reads and decodes a commit object.
func getCommit(s *gitobj.DB, h gitobj.ID) (*gitCommit, error) {
	data, err := s.ReadAs(h, gitobj.TypeCommit)
	if err != nil {
		return nil, err
	}
	c := &gitCommit{Hash: h}
	for _, line := range headerLines(data) {
		key, value, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "tree":
			if c.TreeHash, err = parseID(value); err != nil {
				return nil, fmt.Errorf("commit %s: tree: %w", h, err)
			}
		case "parent":
			p, err := parseID(value)
			if err != nil {
				return nil, fmt.Errorf("commit %s: parent: %w", h, err)
			}
			c.ParentHashes = append(c.ParentHashes, p)
		case "committer":
			c.CommitterTime = signatureTime(value)
		}
	}
	return c, nil
}

// tagTarget reads an annotated tag and returns the commit it tags.
func tagTarget(s *gitobj.DB, h gitobj.ID) (*gitCommit, error) {
	data, err := s.ReadAs(h, gitobj.TypeTag)
	if err != nil {
		return nil, err
	}
	var target gitobj.ID
	kind := ""
	for _, line := range headerLines(data) {
		key, value, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "object":
			if target, err = parseID(value); err != nil {
				return nil, fmt.Errorf("tag %s: object: %w", h, err)
			}
		case "type":
			kind = string(value)
		}
	}
	if kind != "commit" {
		return nil, fmt.Errorf("tag %s points to a %s, not a commit", h, kind)
	}
	return getCommit(s, target)
}

// headerLines returns an object's header lines, up to the blank line before the
// message, without continuation lines (a multi-line header such as gpgsig).
func headerLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		if len(line) == 0 {
			break
		}
		if line[0] != ' ' {
			out = append(out, line)
		}
	}
	return out
}

// zeroTimeUnix is the Unix time of Go's zero time, what a commit whose committer line
// has no readable time dates from (as go-git read it before, so merge-base order is
// unchanged for such commits).
const zeroTimeUnix = -62135596800

// signatureTime reads the time of "Name <email> 1712345678 +0200".
func signatureTime(sig []byte) int64 {
	open, close := bytes.LastIndexByte(sig, '<'), bytes.LastIndexByte(sig, '>')
	if open < 0 || close < open || close+2 >= len(sig) {
		return zeroTimeUnix
	}
	rest := sig[close+2:]
	if sp := bytes.IndexByte(rest, ' '); sp >= 0 {
		rest = rest[:sp]
	}
	t, err := strconv.ParseInt(string(rest), 10, 64)
	if err != nil {
		return zeroTimeUnix
	}
	return t
}

func parseID(b []byte) (gitobj.ID, error) {
	var h gitobj.ID
	if len(b) != 2*len(h) {
		return h, fmt.Errorf("not an object id: %q", b)
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return h, fmt.Errorf("not an object id: %q", b)
	}
	return h, nil
}
