package textconv

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// DescribeUnusable prints why the file cannot be shown, with its size and hash so a
// diff between two unusable versions still shows that they differ.
func DescribeUnusable(w io.Writer, name string, reason error) {
	fmt.Fprintf(w, "canvasgit textconv: not shown as source: %v\n", reason)
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	h := sha256.New()
	n, _ := io.Copy(h, f)
	fmt.Fprintf(w, "size %d bytes, sha256:%s\n", n, hex.EncodeToString(h.Sum(nil)))
}
