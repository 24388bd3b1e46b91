// Package templates holds the static, standard-library-only support code that
// oagen copies into every generated package: the optional and nullable
// wrappers, the JSON encoder and decoder helpers, and the HTTP client core.
//
// The files are real Go, compiled and tested here in place. The emitter copies
// each non-test file except this one and spec.go, rewriting only the package
// clause and the header. Per-spec values (the default server, the environment
// variable names) are not here: the emitter writes them into the generated
// package, and spec.go stands in for them so that this package compiles.
package templates

import "embed"

// FS holds the support files copied into generated packages.
//
//go:embed *.go
var FS embed.FS

// Skip lists the files of FS that are not copied: this file, the stand-in for
// per-spec values, and tests.
func Skip(name string) bool {
	return name == "embed.go" || name == "spec.go" || len(name) > 8 && name[len(name)-8:] == "_test.go"
}
