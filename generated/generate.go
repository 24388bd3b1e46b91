// Package generated holds oagen's output for the specs in ../specs, checked
// in so that reviewers see every change to it as a diff.
//
// `go generate ./generated` regenerates the porting-orders SDK, the
// product, into portingorders. `go generate ./...` (or `make generate`)
// regenerates every package, the fixtures of ./fixtures included; CI fails
// when the checked-in files are stale.
//
// Each subdirectory is one generated package. The *_test.go files beside the
// generated ones are written by hand: they check the behaviour of the
// generated code on the wire.
package generated

//go:generate go run ../cmd/gen -spec ../specs/porting-orders.yml -out portingorders -package portingorders -env-prefix TELNYX -example-tests
