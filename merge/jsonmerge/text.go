package jsonmerge

import "unsafe"

// inputText is an input's bytes viewed as a string, without a copy: every node's raw
// is a piece of it. Merge never changes its inputs while their nodes live (jsondoc's
// Share option, which the reads use, relies on the same), so the view stays valid.
func inputText(data []byte) string { return unsafe.String(unsafe.SliceData(data), len(data)) }

// offsetIn is where part, a piece of whole (as every raw is of its input's text),
// starts in it.
func offsetIn(whole []byte, part string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(part))) - uintptr(unsafe.Pointer(unsafe.SliceData(whole))))
}
