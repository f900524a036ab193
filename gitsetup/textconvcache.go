package gitsetup

import "strings"

// TextconvCacheRef is where git keeps the .msapp renderings that `canvasgit textconv`
// produced, because install sets diff.msapp.cachetextconv: one note per blob, under the
// notes ref named after the diff driver.
const TextconvCacheRef = "refs/notes/textconv/msapp"

// RemoveTextconvCache deletes the repository's textconv notes cache, so uninstall leaves
// no canvasgit output behind. It reports whether there was one. git rebuilds the cache
// on the next diff if the config asks for it again.
func RemoveTextconvCache(g *Git) (bool, error) {
	out, err := g.Run("for-each-ref", "--format=%(refname)", TextconvCacheRef)
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(out) != TextconvCacheRef {
		return false, nil
	}
	if _, err := g.Run("update-ref", "-d", TextconvCacheRef); err != nil {
		return false, err
	}
	return true, nil
}
