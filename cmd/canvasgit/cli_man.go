package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd is `canvasgit man DIR`: write a man page (section 1) for every command into
// DIR, from the same text as `canvasgit help` (cobra's generator, which renders the
// docs pages' markdown with go-md2man). Hidden: it is for packagers and the release,
// which ship the pages beside the binary. The date is the month of
// SOURCE_DATE_EPOCH when it is set (reproducible builds), else of today.
func newManCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "write the man pages into DIR",
		Hidden: true,
		Args:   positionalArgs(1, 1, "DIR"),
		RunE: func(c *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				fmt.Fprintf(stderr, "canvasgit man: %v\n", err)
				return exitError(exitConflict)
			}
			root := c.Root()
			root.DisableAutoGenTag = true
			for _, sub := range root.Commands() {
				if hasManual(sub) {
					// The page's title ("# canvasgit gate") would be a section of its
					// own under DESCRIPTION; NAME already says it.
					if first, rest, ok := strings.Cut(sub.Long, "\n"); ok && strings.HasPrefix(first, "# ") {
						sub.Long = strings.TrimLeft(rest, "\n")
					}
				}
			}
			header := &doc.GenManHeader{Section: "1", Source: "canvasgit " + versionString(), Manual: "canvasgit manual"}
			if err := doc.GenManTree(root, header, dir); err != nil {
				fmt.Fprintf(stderr, "canvasgit man: %v\n", err)
				return exitError(exitConflict)
			}
			fmt.Fprintf(stdout, "wrote the man pages to %s\n", dir)
			return nil
		},
	}
}
