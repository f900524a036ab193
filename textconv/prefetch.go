package textconv

import (
	"errors"
	"fmt"
)

// dataSourcesEntry is the entry worth working on ahead: on large apps it is most of
// the archive (27 MB of 47 MB in AccountPlanReviewerMaster). Decompressing, parsing
// and splitting it on the second core while the controls are decoded and written
// takes it off the critical path; only writing its files is left for its turn.
const dataSourcesEntry = "References/DataSources.json"

// dataSourcesWork is the dataSources step done ahead of its turn: everything but the
// writing. readErr is an *UnusableError that stops the rendering; parseErr and
// refsErr are problems shown in place of DataSources.json and the connections.
type dataSourcesWork struct {
	entry             *Entry
	readErr, parseErr error
	refsErr           error
	order             object // Entropy's OrderDataSource (Options.All only)
	files, conns      []outFile
}

// startDataSources reads, parses and splits References/DataSources.json in the
// background (Properties.json, which holds LocalDatabaseReferences, is read by
// then); the dataSources step takes the result. Only this one large entry is worked
// on ahead, so memory stays bounded by a small multiple of the largest entry.
func (r *renderer) startDataSources(props object) {
	ch := make(chan dataSourcesWork, 1)
	r.dataSourcesAhead = ch
	go func() { ch <- r.workDataSources(props) }()
}

// workDataSources does the dataSources step's work without writing anything; it
// must not touch the renderer's state.
func (r *renderer) workDataSources(props object) dataSourcesWork {
	var w dataSourcesWork
	var list []any
	if w.entry = r.a.Lookup(dataSourcesEntry); w.entry != nil {
		data, err := r.a.Read(w.entry)
		if err != nil {
			w.readErr = err
			return w
		}
		v, err := parseDataSources(data)
		if errors.Is(err, errSpoiled) {
			// Damaged: read again and parsed as any entry, for the error's exact words.
			if data, err = r.a.Read(w.entry); err != nil {
				w.readErr = err
				return w
			}
			v, err = parseJSON(data)
		}
		w.parseErr = err
		if ds, ok := v.(object); ok {
			lv, _ := ds.get("DataSources")
			list, _ = lv.([]any)
		}
	}
	var refs object
	if s := props.str("LocalDatabaseReferences"); s != "" && s != "{}" {
		v, err := parseJSONString(s)
		if o, ok := v.(object); err == nil && ok {
			refs = o
		} else {
			if err == nil {
				err = fmt.Errorf("LocalDatabaseReferences is not a JSON object")
			}
			w.refsErr = err
		}
	}
	if r.opts.All {
		// Entropy.json needs the entries' order; taken here so the 27 MB file of a
		// large app is not parsed a second time.
		w.order = dataSourceOrder(list)
	}
	w.files, w.conns = splitDataSources(list, refs)
	return w
}

// waitDataSources waits for work nobody took (the rendering stopped early), so none
// is still reading when the caller closes the archive.
func (r *renderer) waitDataSources() {
	if r.dataSourcesAhead != nil {
		<-r.dataSourcesAhead
		r.dataSourcesAhead = nil
	}
}
