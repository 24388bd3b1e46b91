package main

// The peers' generated code, checked in; `go generate` in this directory
// (not the repository root's, which does not enter this module) makes it
// again. See README.md.
//go:generate go run github.com/ogen-go/ogen/cmd/ogen@v1.25.0 -config ogen.yml -package ogenpo -target internal/ogenpo -clean ../../specs/porting-orders.yml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2 -config oapi-codegen.yml ../../specs/porting-orders.yml
