package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// docFile holds the package documentation.
func docFile(f *jen.File, api *model.API, opts Options) bool {
	title := sanitizeLine(api.Title)
	if title == "" {
		title = "the API"
	}
	lines := []string{fmt.Sprintf("Package %s is a client for %s", opts.Package, title)}
	if api.Version != "" {
		lines[0] += fmt.Sprintf(" (version %s)", sanitizeLine(api.Version))
	}
	lines[0] += "."
	if d := docLines(api.Description); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	if a := authDoc(api, keyVar(opts)); len(a) > 0 {
		lines = append(lines, "")
		lines = append(lines, a...)
	}
	lines = append(lines, "",
		"Optional fields are Opt[T]: absent unless Set, made with Some(v). Fields that",
		"may be null are Nullable[T]: absent (the zero value), Null[T]() or Value(v). In",
		"a PATCH body, absent means keep, null means clear, and a value means set.",
		"",
		"Decoding keeps what the types cannot hold: members the spec does not list",
		"(see UnknownFields) and values of the wrong type (see InvalidFields). Encoding",
		"writes them back, so a decoded value re-encodes unchanged.")
	f.PackageComment(joinComment(lines))
	return true
}

// joinComment renders lines for jen's PackageComment, which takes one
// string: every line gets its own // prefix so nothing is written verbatim.
func joinComment(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		if l == "" {
			out += "//"
		} else {
			out += "// " + l
		}
	}
	return out
}
