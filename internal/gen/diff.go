package gen

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oagen-dev/oagen/internal/apidiff"
	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model/load"
	"github.com/oagen-dev/oagen/internal/model/load/changes"
)

// Report is what -diff prints: the changes from one spec to another, in the
// API as libopenapi's what-changed sees them and in the generated Go API.
type Report struct {
	Old      string `json:"old"`      // the old spec, as given
	New      string `json:"new"`      // the new spec
	Package  string `json:"package"`  // the generated package the Go API changes are about
	Breaking bool   `json:"breaking"` // anything in API or Go breaks: gen exits 3
	// Schemas are the component schemas that were added, removed or
	// changed, sorted.
	Schemas []string  `json:"schemas"`
	API     APIReport `json:"api"`
	Go      GoReport  `json:"go"`
}

// APIReport lists the spec's changes, split by libopenapi's breaking rules.
type APIReport struct {
	Breaking    []changes.Change `json:"breaking"`
	NonBreaking []changes.Change `json:"nonBreaking"`
}

// GoReport lists the changes to the generated Go API: everything but an
// addition is breaking.
type GoReport struct {
	Breaking    []apidiff.Change `json:"breaking"`
	NonBreaking []apidiff.Change `json:"nonBreaking"`
}

// bundled is the spec at path (data) with the files it refers to put into
// one document.
func bundled(path string, data []byte) ([]byte, error) {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return data, nil
	}
	defer root.Close()
	return load.Bundle(path, data, root.FS())
}

// Diff builds the -diff report from the spec at oldPath to the one at
// newPath, both generated with cfg and opts.
func Diff(oldPath, newPath string, cfg *config.Config, opts emit.Options) (*Report, error) {
	oldData, err := load.ReadSpec(oldPath)
	if err != nil {
		return nil, fmt.Errorf("read old spec: %w", err)
	}
	newData, err := load.ReadSpec(newPath)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	oldOpts, newOpts := opts, opts
	oldOpts.SpecPath, newOpts.SpecPath = oldPath, newPath
	oldRun, err := build(oldPath, oldData, cfg, oldOpts)
	if err != nil {
		return nil, err
	}
	newRun, err := build(newPath, newData, cfg, newOpts)
	if err != nil {
		return nil, err
	}
	// libopenapi compares one document each: a spec in several files is
	// put together first, as the generator reads it.
	if oldData, err = bundled(oldPath, oldData); err != nil {
		return nil, err
	}
	if newData, err = bundled(newPath, newData); err != nil {
		return nil, err
	}
	apiChanges, err := changes.Compare(oldPath, oldData, newPath, newData)
	if err != nil {
		return nil, err
	}
	goChanges, err := apidiff.Compare(side(oldRun), side(newRun))
	if err != nil {
		return nil, fmt.Errorf("internal error: %w", err)
	}
	r := &Report{Old: oldPath, New: newPath, Package: opts.Package,
		API: APIReport{Breaking: []changes.Change{}, NonBreaking: []changes.Change{}},
		Go:  GoReport{Breaking: []apidiff.Change{}, NonBreaking: []apidiff.Change{}}}
	for _, c := range apiChanges {
		if c.Breaking {
			r.API.Breaking = append(r.API.Breaking, c)
		} else {
			r.API.NonBreaking = append(r.API.NonBreaking, c)
		}
	}
	for _, c := range goChanges {
		if c.Breaking {
			r.Go.Breaking = append(r.Go.Breaking, c)
		} else {
			r.Go.NonBreaking = append(r.Go.NonBreaking, c)
		}
	}
	r.Breaking = len(r.API.Breaking)+len(r.Go.Breaking) > 0
	r.Schemas = changedSchemas(apiChanges)
	return r, nil
}

// changedSchemas names the component schemas that the changes touch.
func changedSchemas(cs []changes.Change) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, c := range cs {
		name := ""
		if c.Path == "$.components" && c.Property == "schemas" {
			name = c.Old + c.New
		} else if rest, ok := strings.CutPrefix(c.Path, "$.components.schemas"); ok {
			name = firstSegment(rest)
		}
		if name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// firstSegment reads the first step of a path written by changes: ".name"
// or "['name']".
func firstSegment(rest string) string {
	if q, ok := strings.CutPrefix(rest, "['"); ok {
		var b strings.Builder
		for i := 0; i < len(q); i++ {
			switch {
			case q[i] == '\\' && i+1 < len(q):
				i++
				b.WriteByte(q[i])
			case q[i] == '\'':
				return b.String()
			default:
				b.WriteByte(q[i])
			}
		}
		return b.String()
	}
	rest = strings.TrimPrefix(rest, ".")
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

func side(r result) apidiff.Side {
	files := map[string][]byte{}
	for _, f := range r.files {
		files[f.Name] = f.Content
	}
	return apidiff.Side{API: r.api, Files: files}
}

// WriteText prints r for people.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Changes from %s to %s\n", r.Old, r.New)
	fmt.Fprintf(w, "\nAPI (libopenapi what-changed): %d breaking, %d non-breaking\n", len(r.API.Breaking), len(r.API.NonBreaking))
	if len(r.Schemas) > 0 {
		fmt.Fprintf(w, "\n%d component schemas changed: %s\n", len(r.Schemas), strings.Join(r.Schemas, ", "))
	}
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	section("Breaking", strs(r.API.Breaking))
	section("Non-breaking", strs(r.API.NonBreaking))
	fmt.Fprintf(w, "\nGo API of package %s: %d breaking, %d non-breaking\n", r.Package, len(r.Go.Breaking), len(r.Go.NonBreaking))
	section("Breaking", strs(r.Go.Breaking))
	section("Non-breaking", strs(r.Go.NonBreaking))
	fmt.Fprintln(w)
	if r.Breaking {
		fmt.Fprintf(w, "BREAKING: %s\n", r.summary())
	} else {
		fmt.Fprintf(w, "Nothing breaks: %s\n", r.summary())
	}
}

func (r *Report) summary() string {
	return fmt.Sprintf("%d breaking and %d non-breaking API changes; %d breaking and %d non-breaking Go API changes",
		len(r.API.Breaking), len(r.API.NonBreaking), len(r.Go.Breaking), len(r.Go.NonBreaking))
}

func strs[T fmt.Stringer](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.String()
	}
	return out
}

// runDiff is gen -diff.
func runDiff(oldPath, newPath string, cfg *config.Config, opts emit.Options, asJSON bool, stdout, stderr io.Writer) int {
	r, err := Diff(oldPath, newPath, cfg, opts)
	if err != nil {
		printError(stderr, err)
		return 1
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
	} else {
		r.WriteText(stdout)
	}
	if r.Breaking {
		fmt.Fprintf(stderr, "gen: -diff: breaking changes: %s\n", strings.TrimSuffix(r.summary(), "\n"))
		return 3
	}
	return 0
}
