package check

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// pac derives file names from control names (format-legacy §2.3): each UTF-16 code unit
// that is not an ASCII letter or digit, one of `[ ] _ - ~ .` or a space, and is not above
// 255, becomes `%` and two lower-case hex digits; top-level names longer than 50 units
// are cut to 46 and get `_` and a 3-hex-digit hash.

func keepInFileName(u uint16) bool {
	switch {
	case u > 255:
		return true
	case 'a' <= u && u <= 'z', 'A' <= u && u <= 'Z', '0' <= u && u <= '9':
		return true
	}
	return strings.ContainsRune("[]_-~. ", rune(u))
}

// escapeFileName escapes a control name the way pac does for file names (UTF-16 units).
func escapeFileName(name string) []uint16 {
	var out []uint16
	for _, u := range utf16.Encode([]rune(name)) {
		if keepInFileName(u) {
			out = append(out, u)
			continue
		}
		for _, c := range fmt.Sprintf("%%%02x", u) {
			out = append(out, uint16(c))
		}
	}
	return out
}

// topParentFileName is the file name stem pac writes for a top-level control: escaped,
// then truncated with a hash when longer than 50 units.
func topParentFileName(name string) string {
	esc := escapeFileName(name)
	if len(esc) <= 50 {
		return string(utf16.Decode(esc))
	}
	var h uint64 = 5381
	for _, u := range esc {
		h = h*33 + uint64(u)
	}
	cut := esc[:46]
	switch {
	case cut[45] == '%':
		cut = cut[:45]
	case cut[44] == '%':
		cut = cut[:44]
	}
	return string(utf16.Decode(cut)) + "_" + fmt.Sprintf("%03x", h%4096)
}

// unescapeFileName undoes the escaping: `%xx` and the legacy `%%xxxx`.
func unescapeFileName(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var units []uint16
	src := utf16.Encode([]rune(s))
	for i := 0; i < len(src); i++ {
		if src[i] == '%' {
			if i+5 < len(src) && src[i+1] == '%' {
				if n, err := strconv.ParseUint(string(utf16.Decode(src[i+2:i+6])), 16, 16); err == nil {
					units = append(units, uint16(n))
					i += 5
					continue
				}
			}
			if i+2 < len(src) {
				if n, err := strconv.ParseUint(string(utf16.Decode(src[i+1:i+3])), 16, 8); err == nil {
					units = append(units, uint16(n))
					i += 2
					continue
				}
			}
		}
		units = append(units, src[i])
	}
	return string(utf16.Decode(units))
}

// stripCollisionSuffix removes a `_1`, `_2`, ... suffix that pac adds when two names
// collide on a case-insensitive file system, and reports whether there was one.
func stripCollisionSuffix(stem string) (string, bool) {
	i := strings.LastIndexByte(stem, '_')
	if i <= 0 || i == len(stem)-1 {
		return stem, false
	}
	for _, c := range stem[i+1:] {
		if c < '0' || c > '9' {
			return stem, false
		}
	}
	return stem[:i], true
}
