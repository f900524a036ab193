package gitsetup

import (
	"fmt"
	"slices"
	"strings"

	"github.com/canvasgit/canvasgit/textconv"
)

// DriverName is the merge driver name used in attributes (merge=canvasgit).
const DriverName = "canvasgit"

// The merge driver command. git expands %L (marker size), %P (path, shell-quoted),
// %O %A %B (temp files for base, ours, theirs) and, from git 2.44, %S %X %Y (labels,
// shell-quoted). Older gits pass %S %X %Y through literally; `canvasgit merge` reads a
// literal one as "no label".
//
// git runs the whole value with sh -c (Git for Windows' sh on Windows) and takes
// whatever %A holds afterwards as the result. A canvasgit that is missing (exit 127),
// fails (exit 2: its own error, %A untouched) or crashes (a signal, above 128) would
// leave %A as ours without markers, and a `git add` would commit theirs' loss. So the
// command falls back to git's own line merge: canvasgit's 0 (clean) and 1 (its
// conflict) pass through; any other status runs `git merge-file`, which writes both
// sides between markers of %L characters and follows merge.conflictStyle itself. It
// writes to a file beside %A that replaces %A only when git merge-file succeeded
// (below 127, or 127 conflicts with some output; 127 with no output is a shell that
// could not find git), so a full disk or a file-size limit cannot cut ours short. The
// fallback always exits 1: canvasgit's rules did not run, so a person looks at the file,
// and nothing above 128 reaches git (2.42+ would abort the merge).
//
// The command runs canvasgit with GOMAXPROCS=1 (DriverEnv). The merge runs on one
// goroutine, but Go's runtime sizes itself at start from the processors it may use:
// with two or more it wakes a second thread as its own start-up goroutines begin, and
// the main goroutine goes on with a second set of per-processor allocation caches,
// which is a second fresh page for every size of object allocated. git starts the
// driver once per file: on a tiny merge that was 42 of ~335 page faults and 0.2 to
// 0.6 ms of CPU per call (issue 18). Only the environment can say it in time: by the
// first package init the runtime has started, and runtime.GOMAXPROCS stops the world.
const (
	// DriverEnv is the environment the driver command gives canvasgit merge.
	DriverEnv          = "GOMAXPROCS=1"
	driverCommand      = DriverEnv + " canvasgit merge --marker-size=%L --path=%P %O %A %B"
	driverLabelFlags   = " --ours-label=%X --base-label=%S --theirs-label=%Y"
	driverDescription  = "canvasgit merge driver for Power Apps canvas sources"
	driverOwnedPrefix  = "canvasgit merge"
	ownedValuePrefixes = "canvasgit"

	// The fallback, between the canvasgit command and the merge-file labels, and after
	// them. Without labels from git, the fallback writes canvasgit's own defaults.
	fallbackHead = "; s=$?; [ $s -lt 2 ] && exit $s; " +
		`echo "canvasgit merge failed (exit $s): git merge-file marks both sides in" %P >&2; ` +
		"git merge-file -p --marker-size=%L "
	fallbackLabels    = "-L ours -L base -L theirs"
	fallbackGitLabels = "-L %X -L %S -L %Y"
	fallbackTail      = " %A %O %B >%A.canvasgit; t=$?; " +
		"if [ $t -lt 127 ] || { [ $t -eq 127 ] && [ -s %A.canvasgit ]; }; " +
		"then mv -f %A.canvasgit %A; fi; rm -f %A.canvasgit; exit 1"
)

const (
	// DriverCommand is the driver value install writes for git before 2.44.
	DriverCommand = driverCommand + fallbackHead + fallbackLabels + fallbackTail
	// DriverCommandWithLabels is the driver value for git 2.44 and newer.
	DriverCommandWithLabels = driverCommand + driverLabelFlags + fallbackHead + fallbackGitLabels + fallbackTail
)

// HasFallback reports whether a driver command falls back to git merge-file when
// canvasgit cannot run (older canvasgit commands do not).
func HasFallback(command string) bool {
	return strings.Contains(command, "git merge-file")
}

// FxYamlFuncname is the hunk-header regex (diff.fxyaml.xfuncname) for .fx.yaml files:
// a POSIX extended regex matching control header lines such as
//
//	    Button1 As button:
//	'Label 1' As label.textualLabel:
//	"'My Screen' As screen":
//	Component1 As CanvasComponent:
//
// Its group captures the header without the indentation. Property lines (`X: =40`),
// formula lines and component function headers (`Fn(a As Number):`) do not match. It
// uses only bracket expressions and POSIX classes (no \s, \w or backslash escapes),
// which mean the same in glibc, the regex library bundled with Git for Windows and
// Go's regexp.CompilePOSIX.
const FxYamlFuncname = `^[[:blank:]]*("?('([^']|'')*'|"[^"]*"|[^[:blank:]'"():=,]+) As ('([^']|'')*'|[^[:blank:]'":.]+)([.]('([^']|'')*'|[^[:blank:]'":.]+))*"?:)[[:blank:]]*$`

// MsappTextconv is the textconv command for .msapp files (diff.msapp.textconv). A
// constant, not a variable built from textconv.FormatVersion: package variables made
// by code are made on every start of the binary, the merge driver's too
// (TestMsappTextconvNamesTheFormatVersion checks that it names the version).
const MsappTextconv = "canvasgit textconv --format-version=3"

// Entry is one git config entry that canvasgit owns.
type Entry struct {
	Key string
	// Value is what install writes.
	Value string
	// Equivalent values are as good as Value for the running git: install keeps them.
	Equivalent []string
	// Older lists exact older values of our own, which install replaces silently.
	Older []string
	// OlderPrefix, when set, marks any value starting with it as an older value of ours.
	OlderPrefix string
}

// Current reports whether v is the value install writes or an equivalent one.
func (e Entry) Current(v string) bool {
	return v == e.Value || slices.Contains(e.Equivalent, v)
}

// Ours reports whether v was written by canvasgit: current, equivalent or older. A
// command's variable assignments (DriverEnv) do not count for OlderPrefix: older
// driver commands had none.
func (e Entry) Ours(v string) bool {
	if e.Current(v) || slices.Contains(e.Older, v) {
		return true
	}
	return e.OlderPrefix != "" && strings.HasPrefix(withoutAssignments(v), e.OlderPrefix)
}

// withoutAssignments is a shell command line without the variable assignments
// (NAME=value words, unquoted) it starts with, and without leading white space.
func withoutAssignments(command string) string {
	s := strings.TrimSpace(command)
	for {
		word, rest, _ := strings.Cut(s, " ")
		if !isAssignment(word) {
			return s
		}
		s = strings.TrimLeft(rest, " \t")
	}
}

// isAssignment reports a shell variable assignment word: a name of letters, digits
// and '_' (not starting with a digit), '=' and a value without quotes or spaces.
func isAssignment(word string) bool {
	name, value, ok := strings.Cut(word, "=")
	if !ok || name == "" || name[0] >= '0' && name[0] <= '9' || strings.ContainsAny(value, "'\"\\$`") {
		return false
	}
	for _, c := range name {
		if c != '_' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Section is the config section of the entry's key ("merge.canvasgit").
func (e Entry) Section() string {
	i := strings.LastIndex(e.Key, ".")
	return e.Key[:i]
}

// Entries is the table of config entries canvasgit owns, for the given git version
// (the driver gets label flags from git 2.44). To own a new entry, add one row.
func Entries(git Version) []Entry {
	driver := Entry{Key: "merge.canvasgit.driver", Value: DriverCommand, OlderPrefix: driverOwnedPrefix}
	if git.AtLeast(VersionLabels.Major, VersionLabels.Minor, VersionLabels.Patch) {
		driver.Value = DriverCommandWithLabels
	} else {
		// Written by a newer git sharing this config: harmless here, the literal %S
		// etc. reach canvasgit merge, which reads them as "no label" (only the
		// fallback's markers then say %X, %S, %Y).
		driver.Equivalent = []string{DriverCommandWithLabels}
	}
	return []Entry{
		{Key: "merge.canvasgit.name", Value: driverDescription, OlderPrefix: ownedValuePrefixes},
		driver,
		{Key: "diff.fxyaml.xfuncname", Value: FxYamlFuncname},
		{Key: "diff.payaml.xfuncname", Value: PaYamlFuncname},
		// The format version in the command string makes git drop its textconv cache
		// (refs/notes/textconv/msapp) when canvasgit's rendering changes.
		{Key: "diff.msapp.textconv", Value: MsappTextconv, OlderPrefix: "canvasgit textconv"},
		{Key: "diff.msapp.cachetextconv", Value: "true"},
		{Key: "diff.msapp.xfuncname", Value: textconv.XFuncname},
	}
}

// Action is what install or uninstall did (or would do) with one entry.
type Action string

const (
	ActionSet       Action = "set"       // was not set; now set
	ActionKept      Action = "kept"      // already had our current value
	ActionUpgraded  Action = "upgraded"  // had an older value of ours; replaced
	ActionRefused   Action = "refused"   // has a foreign value; left alone (no --force)
	ActionOverwrote Action = "overwrote" // had a foreign value; replaced (--force)
	ActionRemoved   Action = "removed"   // uninstall removed our value
	ActionLeft      Action = "left"      // uninstall found a foreign value and left it
)

// Change is one line of an install or uninstall report.
type Change struct {
	Action Action
	Key    string
	Scope  Scope
	Old    string // the value before, if any
	New    string // the value after, if set
}

func (c Change) String() string {
	switch c.Action {
	case ActionRefused:
		return fmt.Sprintf("refused %s (%s): it is set to %q, which canvasgit did not write; --force overwrites it", c.Key, c.Scope, c.Old)
	case ActionOverwrote:
		return fmt.Sprintf("overwrote %s (%s): it was %q", c.Key, c.Scope, c.Old)
	case ActionLeft:
		return fmt.Sprintf("left %s (%s): %q is not canvasgit's", c.Key, c.Scope, c.Old)
	}
	return fmt.Sprintf("%s %s (%s)", c.Action, c.Key, c.Scope)
}

// RefusedError is returned by Install when an entry holds a value canvasgit did not
// write and force is off. Nothing was written.
type RefusedError struct {
	Refused []Change
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	for i, c := range e.Refused {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s) is set to %q", c.Key, c.Scope, c.Old)
	}
	b.WriteString(": not canvasgit's value; nothing was changed; --force overwrites")
	return b.String()
}

// Install writes canvasgit's config entries into scope. It looks at every entry
// before writing any: when one holds a foreign value and force is off, it writes
// nothing and returns the plan with a *RefusedError. Running it again changes nothing.
func Install(g *Git, git Version, scope Scope, force bool) ([]Change, error) {
	var plan []Change
	var refused []Change
	for _, e := range Entries(git) {
		vals, err := g.ConfigGetAll(scope, e.Key)
		if err != nil {
			return nil, err
		}
		c := Change{Key: e.Key, Scope: scope, New: e.Value}
		switch {
		case len(vals) == 0:
			c.Action = ActionSet
		case len(vals) == 1 && e.Current(vals[0]):
			c.Action, c.Old, c.New = ActionKept, vals[0], vals[0]
		case allOurs(e, vals):
			c.Action, c.Old = ActionUpgraded, vals[len(vals)-1]
		case force:
			c.Action, c.Old = ActionOverwrote, firstForeign(e, vals)
		default:
			c.Action, c.Old, c.New = ActionRefused, firstForeign(e, vals), ""
			refused = append(refused, c)
		}
		plan = append(plan, c)
	}
	if len(refused) > 0 {
		return plan, &RefusedError{Refused: refused}
	}
	for _, c := range plan {
		if c.Action == ActionKept {
			continue
		}
		if err := g.ConfigSet(scope, c.Key, c.New); err != nil {
			return plan, err
		}
	}
	return plan, nil
}

// Uninstall removes from scope exactly the entries whose value canvasgit wrote
// (current or older), leaves foreign values (reported as ActionLeft), removes a
// section of ours left without keys, then checks that nothing of ours remains.
func Uninstall(g *Git, git Version, scope Scope) ([]Change, error) {
	var changes []Change
	sections := map[string]bool{}
	var order []string
	entries := Entries(git)
	for _, e := range entries {
		vals, err := g.ConfigGetAll(scope, e.Key)
		if err != nil {
			return changes, err
		}
		if len(vals) == 0 {
			continue
		}
		if !allOurs(e, vals) {
			changes = append(changes, Change{Action: ActionLeft, Key: e.Key, Scope: scope, Old: firstForeign(e, vals)})
			continue
		}
		if err := g.ConfigUnset(scope, e.Key); err != nil {
			return changes, err
		}
		changes = append(changes, Change{Action: ActionRemoved, Key: e.Key, Scope: scope, Old: vals[len(vals)-1]})
		if s := e.Section(); !sections[s] {
			sections[s] = true
			order = append(order, s)
		}
	}
	for _, s := range order {
		keys, err := g.ConfigSectionKeys(scope, s)
		if err != nil {
			return changes, err
		}
		if len(keys) == 0 {
			if err := g.ConfigRemoveSection(scope, s); err != nil {
				return changes, err
			}
		}
	}
	// Verify that what we removed is gone (a key left for its foreign value may also
	// hold one of ours: several values, mixed; it is reported as left).
	for _, e := range entries {
		if !removedKey(changes, e.Key) {
			continue
		}
		vals, err := g.ConfigGetAll(scope, e.Key)
		if err != nil {
			return changes, err
		}
		for _, v := range vals {
			if e.Ours(v) {
				return changes, fmt.Errorf("%s (%s) still holds canvasgit's value %q after uninstall", e.Key, scope, v)
			}
		}
	}
	return changes, nil
}

func removedKey(changes []Change, key string) bool {
	for _, c := range changes {
		if c.Key == key && c.Action == ActionRemoved {
			return true
		}
	}
	return false
}

func allOurs(e Entry, vals []string) bool {
	for _, v := range vals {
		if !e.Ours(v) {
			return false
		}
	}
	return true
}

func firstForeign(e Entry, vals []string) string {
	for _, v := range vals {
		if !e.Ours(v) {
			return v
		}
	}
	return ""
}
