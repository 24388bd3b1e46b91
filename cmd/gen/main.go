// Command gen generates a Go client package from an OpenAPI 3.0 or 3.1
// document.
//
//	go run github.com/oagen-dev/oagen/cmd/gen -spec openapi.yml -out petstore -package petstore
//
// From go generate:
//
//	//go:generate go run github.com/oagen-dev/oagen/cmd/gen -spec ../specs/petstore.yml -out petstore -package petstore
//
// Or, with Go 1.24+, as a tool of the module (go get -tool
// github.com/oagen-dev/oagen/cmd/gen) and its settings in oagen.yaml beside
// the //go:generate line:
//
//	//go:generate go tool gen
//
// To keep the SDK module's go line and requirements as they are, make gen a
// tool of a separate module in tools/ and name its go.mod:
//
//	//go:generate go tool -modfile=../tools/go.mod gen
//
// A successful run prints one summary line; -json prints every diagnostic
// as a JSON line with a stable code, and -allow-warnings CODES silences the
// kinds of warning a spec is known to give. gen -version prints the
// version, which the generated package's doc also records
// (-record-version=false leaves it out).
//
// In CI, gen -check fails when the checked-in package is stale, and
// gen -diff OLD_SPEC reports what a new spec breaks, in the API and in the
// generated Go API (-json for machines).
//
// Run gen -h for every flag. Exit codes: 0 success, 1 the spec could not be
// generated (every problem is printed as FILE:LINE:COL: POINTER: message) or
// -check found differences, 2 usage or config error, 3 -diff found a
// breaking change.
package main

import (
	"os"

	"github.com/oagen-dev/oagen/internal/gen"
)

func main() {
	os.Exit(gen.Main(os.Args[1:], os.Stdout, os.Stderr))
}
