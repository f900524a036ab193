// Package canvasgit holds files that ship inside the binary: the recommended
// .gitattributes lines, kept at the root of the repository so users can copy them.
package canvasgit

import _ "embed"

// GitattributesExample is the content of gitattributes.example.
//
//go:embed gitattributes.example
var GitattributesExample string
