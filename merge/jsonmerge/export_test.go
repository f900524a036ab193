package jsonmerge

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
