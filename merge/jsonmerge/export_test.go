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
