package model

import (
	"sort"
	"strings"
)

// Diagnostic is a problem in a spec, placed at the spec text it is about.
// Errors stop generation; warnings are reported and worked around.
type Diagnostic struct {
	Pos     Pos
	Pointer string // JSON pointer, e.g. "#/components/schemas/Pet/properties/id"
	Message string // lower case, no trailing period
	// Related lists the other places involved, e.g. the second use of a
	// duplicate operationId.
	Related []Related
}

// Related is another place a Diagnostic is about.
type Related struct {
	Pos     Pos
	Pointer string
}

// Error formats d as "FILE:LINE:COL: POINTER: message", followed by any
// related places.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Pointer != "" {
		b.WriteString(filePointer(d.Pointer))
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	for _, r := range d.Related {
		b.WriteString(" (see ")
		b.WriteString(r.Pos.String())
		if r.Pointer != "" {
			b.WriteString(": ")
			b.WriteString(filePointer(r.Pointer))
		}
		b.WriteString(")")
	}
	return b.String()
}

// FilePointer is the JSON pointer within its file that d is about, as
// Error prints it.
func (d *Diagnostic) FilePointer() string { return filePointer(d.Pointer) }

// FilePointer is the JSON pointer within its file of the related place.
func (r Related) FilePointer() string { return filePointer(r.Pointer) }

// filePointer is the JSON pointer part of a model pointer: a schema of
// another file of the spec has the pointer FILE#/..., and its Pos names FILE.
func filePointer(ptr string) string {
	if i := strings.IndexByte(ptr, '#'); i > 0 {
		return ptr[i:]
	}
	return ptr
}

// Diagnostics is a list of problems, itself an error when not empty.
type Diagnostics []*Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each Diagnostic.
func (ds Diagnostics) Unwrap() []error {
	errs := make([]error, len(ds))
	for i, d := range ds {
		errs[i] = d
	}
	return errs
}

// Sort orders ds by file, line, column, then pointer and message, so that
// output does not depend on the order problems were found in.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Pointer != b.Pointer {
			return a.Pointer < b.Pointer
		}
		return a.Message < b.Message
	})
}
