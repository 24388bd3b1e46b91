// Command gen generates a Go client package from an OpenAPI 3.0 or 3.1
// document.
//
//	go run github.com/oagen-dev/oagen/cmd/gen -spec openapi.yml -out petstore -package petstore
//
// From go generate:
//
//	//go:generate go run github.com/oagen-dev/oagen/cmd/gen -spec ../specs/petstore.yml -out petstore -package petstore
//
// Run gen -h for every flag. Exit codes: 0 success, 1 the spec could not be
// generated (every problem is printed as FILE:LINE:COL: POINTER: message),
// 2 usage error.
package main

import (
	"os"

	"github.com/oagen-dev/oagen/internal/gen"
)

func main() {
	os.Exit(gen.Main(os.Args[1:], os.Stdout, os.Stderr))
}
