package textconv

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
)

// A .msapr (`pac canvas unpack --layout SourceCode`) is a zip holding msapr-header.json
// and, under msapp/, every entry of the app except its Src/*.pa.yaml sources
// (PowerApps-Tooling's MsappPackingService copies them unchanged). Its diff is the
// diff of those entries: the header, then the msapp they make, rendered as for an
// .msapp (the controls of Controls/*.json as source, data sources, resources).

// MsaprHeaderName is the msapr's own header entry.
const MsaprHeaderName = "msapr-header.json"

// OpenMsapr opens a .msapr: the msapp its msapp/ entries make, and the bytes of its
// msapr-header.json (nil when absent). A file that is not a usable .msapr gives an
// *UnusableError.
func OpenMsapr(name string, lim Limits) (*Archive, []byte, error) {
	b, err := readLimited(name, lim)
	if err != nil {
		return nil, nil, err
	}
	return NewMsapr(b, lim)
}

func readLimited(name string, lim Limits) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, lim.MaxTotalSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > lim.MaxTotalSize {
		return nil, unusable("the file is larger than %d bytes", lim.MaxTotalSize)
	}
	return b, nil
}

// NewMsapr reads a .msapr held in memory (see OpenMsapr).
func NewMsapr(b []byte, lim Limits) (*Archive, []byte, error) {
	if bytes.HasPrefix(b, []byte(lfsPrefix)) {
		return nil, nil, unusable("this is a Git LFS pointer file, not the .msapr itself (run `git lfs pull`)")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, nil, unusable("not a zip archive (%v); the file may be truncated or not a .msapr", err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, nil, unusable("the archive has %d entries, more than the limit of %d", len(zr.File), lim.MaxEntries)
	}
	var header []byte
	var inner bytes.Buffer
	w := zip.NewWriter(&inner)
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.EqualFold(name, MsaprHeaderName) {
			if f.UncompressedSize64 > uint64(lim.MaxEntrySize) {
				return nil, nil, unusable("%s claims %d bytes, more than the limit of %d", MsaprHeaderName, f.UncompressedSize64, lim.MaxEntrySize)
			}
			rc, err := f.Open()
			if err != nil {
				return nil, nil, unusable("%s: %v", MsaprHeaderName, err)
			}
			header, err = io.ReadAll(io.LimitReader(rc, lim.MaxEntrySize+1))
			rc.Close()
			if err != nil {
				return nil, nil, unusable("%s: %v", MsaprHeaderName, err)
			}
			continue
		}
		rest, ok := cutFold(name, "msapp/")
		if !ok || rest == "" {
			continue // pac writes nothing else; a later version's own files are not the app
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, nil, unusable("entry %s: %v", f.Name, err)
		}
		h := f.FileHeader
		h.Name = rest
		fw, err := w.CreateRaw(&h)
		if err != nil {
			return nil, nil, unusable("entry %s: %v", f.Name, err)
		}
		if _, err := io.Copy(fw, raw); err != nil {
			return nil, nil, unusable("entry %s: %v", f.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, nil, unusable("%v", err)
	}
	a, err := NewArchive(bytes.NewReader(inner.Bytes()), int64(inner.Len()), lim)
	if err != nil {
		var u *UnusableError
		if errors.As(err, &u) {
			return nil, nil, unusable("its msapp/ entries are not an app: %s", u.Reason)
		}
		return nil, nil, err
	}
	return a, header, nil
}

func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}

// RenderMsapr writes a .msapr as text: its header, then the app its entries make.
func RenderMsapr(w io.Writer, a *Archive, header []byte, opts Options) error {
	if header != nil {
		var b bytes.Buffer
		b.WriteString(SectionPrefix + MsaprHeaderName + SectionSuffix + "\n")
		b.Write(toLF(header))
		if len(header) > 0 && header[len(header)-1] != '\n' {
			b.WriteByte('\n')
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return Render(w, a, opts)
}

// IsMsapr reports whether the file is a zip holding msapr-header.json: a .msapr,
// whatever its name (git may hand textconv a temporary file).
func IsMsapr(name string) bool {
	r, err := zip.OpenReader(name)
	if err != nil {
		return false
	}
	defer r.Close()
	for _, f := range r.File {
		if strings.EqualFold(f.Name, MsaprHeaderName) {
			return true
		}
	}
	return false
}
