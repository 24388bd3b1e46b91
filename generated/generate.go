// Package generated holds oagen's output for the specs in ../specs, checked
// in so that reviewers see every change to it as a diff. Regenerate with
// `go generate ./...` from the repository root (or `make generate`); CI fails
// when the checked-in files are stale.
//
// Each subdirectory is one generated package. The *_test.go files beside the
// generated ones are written by hand: they check the behaviour of the
// generated code on the wire.
package generated

//go:generate go run ../cmd/gen -spec ../specs/porting-orders.yml -out portingorders -package portingorders -env-prefix TELNYX -example-tests
//go:generate go run ../cmd/gen -spec ../specs/telnyx-full.yml -out telnyx -package telnyx -env-prefix TELNYX -example-tests
//go:generate go run ../cmd/gen -spec ../specs/golden/unions.yml -out unions -package unions
//go:generate go run ../cmd/gen -spec ../specs/golden/types.yml -out types -package types -example-tests
//go:generate go run ../cmd/gen -spec ../specs/golden/composition.yml -out composition -package composition -example-tests
//go:generate go run ../cmd/gen -spec ../specs/golden/security.yml -out security -package security -env-prefix SECURITY
//go:generate go run ../cmd/gen -spec ../specs/golden/servers.yml -out servers -package servers -env-prefix SERVERS
//go:generate go run ../cmd/gen -spec ../specs/golden/keywords31.yml -out keywords31 -package keywords31
//go:generate go run ../cmd/gen -spec ../specs/golden/operations.yml -out operations -package operations
//go:generate go run ../cmd/gen -spec ../specs/golden/headers.yml -out headers -package headers
//go:generate go run ../cmd/gen -spec ../specs/golden/pathitems.yml -out pathitems -package pathitems
//go:generate go run ../cmd/gen -spec ../specs/golden/callbacks.yml -out callbacks -package callbacks
//go:generate go run ../cmd/gen -spec ../specs/golden/wire.yml -out wire -package wire
