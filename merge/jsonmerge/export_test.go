package jsonmerge

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/canvasgit/canvasgit/source/jsondoc"
)

// SetGuided turns reading the sides against base on or off (see guide) and returns
// the previous setting, for the tests that compare both ways.
func SetGuided(on bool) bool {
	was := guided
	guided = on
	return was
}

// SetLazyMin sets the size from which base is read lazily and returns the previous
// one, for the tests that read every base lazily: 0 reads every base lazily, whatever
// the policy's lazyBase says.
func SetLazyMin(n int) int {
	was := lazyMin
	lazyMin, lazyEvery = n, n == 0
	return was
}

// SetRawCopy turns the writer's copying of canonical containers on or off (see
// rawcopy.go) and returns the previous setting.
func SetRawCopy(on bool) bool {
	was := rawCopy
	rawCopy = on
	return was
}

// CountRawCopies makes every later Merge add the containers its writer copied from
// their text to *n, until the returned function is called.
func CountRawCopies(n *int) (stop func()) {
	writerDone = func(w *writer) { *n += w.copied }
	return func() { writerDone = nil }
}

// CheckBothWays checks data as a lazy base is checked, with fastCheck and with the
// reader's check (and readBase's check of UTF-8), and returns an error when they disagree: fastCheck accepted what
// the reader refuses, or made other records or another span. fast says fastCheck
// accepted it; err is the reader's error ("" when it accepts).
func CheckBothWays(data []byte, idKeys []string) (fast bool, readerErr string, disagree error) {
	c := &checker{scratch: new(scratch), idKeys: idKeys}
	_, start, end, err := jsondoc.Parse[sketch](data, c, jsondoc.Options{MaxDepth: maxDepth, Share: true})
	if err == nil && !utf8.Valid(data) {
		err = errors.New("not valid UTF-8") // readBase's check before the reader
	}
	if err != nil {
		readerErr = err.Error()
	}
	var fc fastChecker
	recs, fstart, fend, ok := fc.check(data, idKeys)
	if !ok {
		return false, readerErr, nil
	}
	switch {
	case err != nil:
		return true, readerErr, fmt.Errorf("fastCheck accepted what the reader refuses (%v)", err)
	case fstart != start || fend != end:
		return true, "", fmt.Errorf("fastCheck's span is %d-%d, the reader's %d-%d", fstart, fend, start, end)
	case !slices.Equal(recs, c.recs):
		return true, "", fmt.Errorf("fastCheck made other records:\n%v\nthe reader's:\n%v", recs, c.recs)
	}
	return true, "", nil
}

// SetFastChecks turns fastCheck on or off and returns the previous setting.
func SetFastChecks(on bool) bool {
	was := fastChecks
	fastChecks = on
	return was
}
