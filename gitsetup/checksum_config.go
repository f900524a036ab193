package gitsetup

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/canvasgit/canvasgit/internal/gitobj"
	"github.com/canvasgit/canvasgit/internal/rawfile"
)

// ChecksumSetting reads canvasgit.checksum from the config files the driver can name
// for sure, without starting git: git runs the driver at the top of the work tree (or
// with GIT_DIR set), and starting `git config` costs a process per checksum.json merge
// (about 2.5 ms here, far more on Windows), more than the merge itself.
//
// It reads, in git's order of precedence, the user's files (GIT_CONFIG_GLOBAL, or
// $XDG_CONFIG_HOME/git/config and ~/.gitconfig), the repository's config and its
// config.worktree, and the -c options git passes on (GIT_CONFIG_COUNT and
// GIT_CONFIG_PARAMETERS). The system file is not read: where it lives depends on how
// git was built. A setting there is the one difference from `git config`, and
// `canvasgit doctor` reports it.
//
// ok is false when the answer is not certain (an include, a file it cannot read or
// parse, a repository it cannot find, an environment that changes where git looks):
// the caller asks git then. lookupEnv is os.LookupEnv outside tests; dir is the
// working directory git ran the driver in.
func ChecksumSetting(lookupEnv func(string) (string, bool), dir string) (value string, ok bool) {
	getenv := func(k string) string { v, _ := lookupEnv(k); return v }
	for _, v := range []string{"GIT_CONFIG", "GIT_COMMON_DIR", "GIT_CONFIG_SYSTEM"} {
		if getenv(v) != "" {
			return "", false // git config would read other files than the ones below
		}
	}
	files, ok := checksumConfigFiles(lookupEnv, getenv, dir)
	if !ok {
		return "", false
	}
	for i := 0; i < len(files); i++ {
		f := files[i]
		cfg, ok := readConfigFile(f.path)
		if !ok {
			return "", false
		}
		if v, found := cfg.Get("canvasgit", "", "checksum"); found {
			value = v
		}
		// The repository's own config says whether its config.worktree is read
		// after it (a linked work tree's settings).
		if on, found := cfg.Get("extensions", "", "worktreeConfig"); found && configTrue(on) && f.worktreeFile != "" {
			files = append(files, configFile{path: f.worktreeFile})
		}
	}
	fromCount, okCount := checksumFromCount(getenv)
	fromParams, okParams := checksumFromParameters(getenv("GIT_CONFIG_PARAMETERS"))
	switch {
	case !okCount || !okParams:
		return "", false
	case fromCount != nil && fromParams != nil:
		return "", false // both set it: which wins is git's internal order
	case fromParams != nil:
		value = *fromParams
	case fromCount != nil:
		value = *fromCount
	}
	return value, true
}

// isNotExist reports a file that does not exist, for rawfile.ReadFile's errors.
// os.IsNotExist, not errors.Is: on the driver's checksum.json path nothing else calls
// errors.Is, whose first use of reflection (is the target comparable?) was 0.5% of
// that call's samples, page faults on code nothing else touches. rawfile.ReadFile's
// errors are a *PathError around the system's error, which os.IsNotExist reads.
func isNotExist(err error) bool { return os.IsNotExist(err) }

// configFile is one file to read; worktreeFile is the config.worktree read after the
// repository's config when that sets extensions.worktreeConfig.
type configFile struct {
	path         string
	worktreeFile string
}

// readConfigFile parses one config file; a missing file is an empty one. ok is false
// for a file that cannot be read or parsed, or that includes others.
func readConfigFile(path string) (*gitobj.Config, bool) {
	text, err := rawfile.ReadFile(path)
	if isNotExist(err) {
		return nil, true
	}
	if err != nil {
		return nil, false
	}
	cfg, err := gitobj.ParseConfig(strings.TrimPrefix(string(text), "\uFEFF"))
	if err != nil || cfg.HasSection("include") || cfg.HasSection("includeIf") {
		return nil, false
	}
	return cfg, true
}

// checksumConfigFiles lists the user's and the repository's config files, lowest
// precedence first.
func checksumConfigFiles(lookupEnv func(string) (string, bool), getenv func(string) string, dir string) ([]configFile, bool) {
	var files []configFile
	if global, set := lookupEnv("GIT_CONFIG_GLOBAL"); set {
		if global == "" {
			return nil, false
		}
		files = append(files, configFile{path: global})
	} else {
		home := getenv("HOME")
		if home == "" {
			return nil, false // git for Windows then looks elsewhere
		}
		xdg := getenv("XDG_CONFIG_HOME")
		if xdg == "" {
			xdg = filepath.Join(home, ".config")
		}
		files = append(files, configFile{path: filepath.Join(xdg, "git", "config")}, configFile{path: filepath.Join(home, ".gitconfig")})
	}
	gitDir, ok := repositoryDir(getenv, dir)
	if !ok {
		return nil, false
	}
	common := gitDir
	if text, err := rawfile.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(text))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		common = c
	} else if !isNotExist(err) {
		return nil, false
	}
	files = append(files, configFile{path: filepath.Join(common, "config"), worktreeFile: filepath.Join(gitDir, "config.worktree")})
	return files, true
}

// repositoryDir finds the git directory the way git does for a driver: GIT_DIR, or
// .git (a folder, or a file naming it) in the folder git runs the driver in, the top
// of the work tree. Anything else (a bare repository found by search) is not certain.
func repositoryDir(getenv func(string) string, dir string) (string, bool) {
	abs := func(p, from string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(from, p)
	}
	if d := getenv("GIT_DIR"); d != "" {
		return abs(d, dir), true
	}
	dotGit := filepath.Join(dir, ".git")
	st, err := os.Stat(dotGit)
	switch {
	case err != nil:
		return "", false
	case st.IsDir():
		return dotGit, true
	}
	text, err := rawfile.ReadFile(dotGit)
	if err != nil {
		return "", false
	}
	line, _, _ := strings.Cut(string(text), "\n")
	target, found := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !found {
		return "", false
	}
	return abs(strings.TrimSpace(target), dir), true
}

// checksumFromCount reads canvasgit.checksum from GIT_CONFIG_COUNT and its
// GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n pairs (the last one wins); nil when none sets
// it, ok false when the variables are malformed or name an include.
func checksumFromCount(getenv func(string) string) (*string, bool) {
	s := getenv("GIT_CONFIG_COUNT")
	if s == "" {
		return nil, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return nil, false
	}
	var value *string
	for i := 0; i < n; i++ {
		key := getenv("GIT_CONFIG_KEY_" + strconv.Itoa(i))
		if key == "" {
			return nil, false
		}
		v := getenv("GIT_CONFIG_VALUE_" + strconv.Itoa(i))
		switch k := strings.ToLower(key); {
		case isIncludeKey(k):
			return nil, false
		case k == "canvasgit.checksum":
			value = &v
		}
	}
	return value, true
}

// checksumFromParameters reads canvasgit.checksum from GIT_CONFIG_PARAMETERS, which
// git fills from `git -c key=value`: shell-quoted words, 'key'='value' (git 2.31+),
// 'key=value' (older) or 'key' alone (true). nil when none sets it; ok false when the
// text is not in that form or names an include.
func checksumFromParameters(params string) (*string, bool) {
	var value *string
	for rest := strings.TrimLeft(params, " "); rest != ""; rest = strings.TrimLeft(rest, " ") {
		key, after, ok := shellQuoted(rest)
		if !ok {
			return nil, false
		}
		var v string
		hasValue := false
		if strings.HasPrefix(after, "=") {
			if v, after, ok = shellQuoted(after[1:]); !ok {
				return nil, false
			}
			hasValue = true
		} else if k, old, found := strings.Cut(key, "="); found {
			key, v, hasValue = k, old, true
		}
		if after != "" && after[0] != ' ' {
			return nil, false
		}
		rest = after
		switch k := strings.ToLower(key); {
		case isIncludeKey(k):
			return nil, false
		case k == "canvasgit.checksum":
			if !hasValue {
				v = "" // a key alone: git config prints it without a value
			}
			value = &v
		}
	}
	return value, true
}

// shellQuoted reads one single-quoted word as git's sq_quote writes it ('\” for a
// quote inside), returning it and what follows.
func shellQuoted(s string) (word, rest string, ok bool) {
	var b strings.Builder
	for {
		if !strings.HasPrefix(s, "'") {
			return "", "", false
		}
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 {
			return "", "", false
		}
		b.WriteString(s[1 : 1+end])
		s = s[2+end:]
		if !strings.HasPrefix(s, `\'`) {
			return b.String(), s, true
		}
		b.WriteByte('\'')
		s = s[2:]
	}
}

func isIncludeKey(k string) bool {
	return strings.HasPrefix(k, "include.") || strings.HasPrefix(k, "includeif.")
}

// configTrue reads a boolean as a config file holds it: a key alone (the empty value)
// is true.
func configTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "true", "yes", "on", "1":
		return true
	}
	return false
}
