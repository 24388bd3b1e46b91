# oagen: OpenAPI 3.x → Go SDK generator. `make help` lists the targets.

GO ?= go

.PHONY: help generate golden test vet fmt check bench

help:
	@echo "make generate  regenerate generated/ from specs/ (go generate ./...)"
	@echo "make golden    rewrite golden/ from specs/golden and the seed; review the diff"
	@echo "make test      vet, gofmt check and every test"
	@echo "make vet       go vet ./..."
	@echo "make check     test, then fail if generate leaves generated/ changed"
	@echo "make bench     print gen time and memory against libopenapi alone, and go build time"

generate:
	$(GO) generate ./...

golden:
	$(GO) test ./internal/emit -run TestGolden -update

vet:
	$(GO) vet ./...

fmt:
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "not gofmt'd:"; echo "$$out"; exit 1; fi

test: vet fmt
	$(GO) test ./...

check: test generate
	git diff --exit-code -- generated/ golden/

# Performance figures on this machine (reported, never asserted).
bench:
	$(GO) run ./internal/bench
