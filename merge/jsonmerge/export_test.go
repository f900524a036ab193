package jsonmerge

// SetGuided turns reading the sides against base on or off (see guide) and returns
// the previous setting, for the tests that compare both ways.
func SetGuided(on bool) bool {
	was := guided
	guided = on
	return was
}
