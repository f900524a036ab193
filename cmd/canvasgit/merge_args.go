package main

import (
	"strconv"
	"strings"
)

// parseDriverArgs reads the command line git gives the merge driver (args after
// "merge") without cobra, when it has the form `canvasgit install` writes: flags of
// merge as --name=value, in any order and mixed with exactly three files, none of
// which starts with "-". Anything else (a flag merge does not have, a value in the
// next argument, one dash, "--", -h, a bad number, two files or four) is not ok, and
// the caller runs the command through cobra, whose parse, help and errors are the
// documented ones; for a command line of this form cobra's parse gives the same flags
// and files (TestDriverArgsParseAsCobraDoes).
//
// Why: git starts the driver once per file, and building cobra's command, its flag
// set and the hidden __complete command, then parsing through them, was about a
// twentieth of a tiny merge's time, most of it page faults on code and data nothing
// else in the process touches (issue 18).
func parseDriverArgs(args []string) (f mergeFlags, files []string, ok bool) {
	f.markerSize = defaultMarkerSize
	strs := f.stringFlags()
	files = make([]string, 0, 3)
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			files = append(files, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !strings.HasPrefix(a, "--") || !hasValue {
			return f, nil, false
		}
		if name == "marker-size" {
			// pflag's int flag reads its value so (strconv.ParseInt, base 0).
			n, err := strconv.ParseInt(value, 0, strconv.IntSize)
			if err != nil {
				return f, nil, false
			}
			f.markerSize = int(n)
			continue
		}
		known := false
		for _, s := range strs {
			if s.name == name {
				*s.value, known = value, true
				break
			}
		}
		if !known {
			return f, nil, false
		}
	}
	if len(files) != 3 {
		return f, nil, false
	}
	return f, files, true
}
