package gen

import (
	"runtime/debug"
	"strings"
)

// modulePath is oagen's module.
const modulePath = "github.com/oagen-dev/oagen"

// devel is the version of a generator built from a checkout of oagen
// rather than from a published version of its module.
const devel = "(devel)"

// Version is the version of oagen this binary was built from: the module
// version (v0.3.0, or the pseudo-version of a commit) when the go command
// fetched oagen as a module, as go run ...@v0.3.0 and go tool do, else
// "(devel)".
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return devel
	}
	return versionOf(info)
}

// versionOf is Version for given build information.
func versionOf(info *debug.BuildInfo) string {
	m := &info.Main
	if m.Path != modulePath {
		// go tool gen in another module: that module is the main one and
		// oagen one of its dependencies.
		m = nil
		for _, d := range info.Deps {
			if d.Path == modulePath {
				m = d
				break
			}
		}
		if m == nil {
			return devel
		}
	}
	if m.Replace != nil {
		if m.Replace.Version == "" {
			return devel // replaced by a directory: whatever is in it
		}
		m = m.Replace
	}
	if m.Version == "" || strings.HasSuffix(m.Version, "+dirty") {
		return devel
	}
	// Since Go 1.24 go build stamps a binary built in a checkout with a
	// version made from its commit, which would change the generated doc
	// with every commit of oagen: a checkout is "(devel)", whatever its
	// commit.
	if m == &info.Main {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				return devel
			}
		}
	}
	return m.Version
}
