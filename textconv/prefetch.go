package textconv

// dataSourcesEntry is the entry worth reading ahead: on large apps it is most of the
// archive (27 MB of 47 MB in the largest corpus app), and decompressing and parsing
// it on the second core while the controls are decoded and written took a fifth off
// a whole rendering (AccountPlanReviewerMaster as a process: 0.72 s to 0.58 s).
const dataSourcesEntry = "References/DataSources.json"

// parsedEntry is the outcome of a background read: readErr is an *UnusableError
// that stops the rendering, parseErr a problem shown in the entry's section.
type parsedEntry struct {
	v                 any
	readErr, parseErr error
}

// prefetch starts reading and parsing the named JSON entry in the background;
// readJSON takes the result. Only one large entry is read ahead, so memory stays
// bounded by a small multiple of the largest entry.
func (r *renderer) prefetch(name string) {
	e := r.a.Lookup(name)
	if e == nil {
		return
	}
	ch := make(chan parsedEntry, 1)
	if r.prefetched == nil {
		r.prefetched = map[*Entry]chan parsedEntry{}
	}
	r.prefetched[e] = ch
	go func() {
		data, err := r.a.Read(e)
		if err != nil {
			ch <- parsedEntry{readErr: err}
			return
		}
		v, err := parseJSON(data)
		ch <- parsedEntry{v: v, parseErr: err}
	}()
}

// waitPrefetched waits for reads nobody took (the rendering stopped early), so none
// is still running when the caller closes the archive.
func (r *renderer) waitPrefetched() {
	for e, ch := range r.prefetched {
		<-ch
		delete(r.prefetched, e)
	}
}
