# oagen: OpenAPI 3.x → Go SDK generator. `make help` lists the targets.

GO ?= go

.PHONY: help generate golden test vet fmt check bench

help:
	@echo "make generate  regenerate generated/ from specs/ (go generate ./...; ./generated alone is the porting-orders SDK)"
	@echo "make golden    rewrite golden/ from specs/golden and the seed; review the diff"
	@echo "make test      vet, gofmt check and every test"
	@echo "make vet       go vet ./..."
	@echo "make check     test, then fail if generate leaves generated/ changed"
	@echo "make bench     print gen time and memory against libopenapi alone, and go build time;"
	@echo "               then the generated JSON codec against ogen, oapi-codegen, encoding/json"
	@echo "make corpus    generate and vet every APIs.guru spec (SAMPLE=N for a sample; needs npm)"
	@echo "make conformance SPEC=openapi.yml  call every operation of SPEC against Prism (needs Node.js and npm)"

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
# tools/codecbench is a module of its own (ogen's and oapi-codegen's runtimes
# stay out of go.mod); see its README.md.
bench:
	$(GO) run ./internal/bench
	cd tools/codecbench && $(GO) run .

# gen -diff (internal/gen): rewrite golden/diff from the real history in
# specs/history; review the diff.
.PHONY: golden-diff api-diff
golden-diff:
	$(GO) test ./internal/gen -run TestDiff -update

# Print the breaking-change report of specs/porting-orders.yml against its
# 2025-08-15 version (gen exits 3: it has breaking changes).
api-diff:
	@bin="$$(mktemp -d)/gen" && $(GO) build -o "$$bin" ./cmd/gen && \
	{ "$$bin" -diff specs/history/telnyx-porting-orders-2025-08-15.yml -spec specs/porting-orders.yml -package portingorders -env-prefix TELNYX; \
	  code=$$?; rm -r "$$(dirname "$$bin")"; test $$code -eq 0 -o $$code -eq 3; }

# Fuzz the generator (load, naming, emit) for FUZZTIME; crashers land in
# internal/gen/testdata/fuzz/FuzzGenerate and become regression seeds.
# Minimizing a new input is capped at 5s: with the default 60s the 100 KB
# seeds leave almost no time for fuzzing.
# FUZZ=FuzzSpecStrings fuzzes the strings of one spec instead. The first run
# rebuilds libopenapi and the standard library instrumented (minutes); CI
# fuzzes FuzzNames in internal/model/naming instead (see .ci/run).
FUZZTIME ?= 30s
FUZZ ?= FuzzGenerate
.PHONY: fuzz
fuzz:
	$(GO) test -run='^$$' -fuzz='^$(FUZZ)$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./internal/gen

# Issue 7's measure on specs oagen has never seen: generate and vet every
# spec of the APIs.guru directory (downloaded from npm). SAMPLE=N for a
# fixed random sample. Reported, not part of `make test` or CI.
.PHONY: corpus
corpus:
	SAMPLE=$(SAMPLE) tools/corpus/run.sh

# Issue 17's conformance suite on any spec: generate the SDK, call every
# operation through it against Prism mocking SPEC, validate every request
# with libopenapi-validator too, decode every answer, print one row per
# spec (SPEC may list several). tools/conformance is a module of its own;
# see its README.md. VERBOSE= (empty) leaves out the list of failures.
# The default is the suite CI runs (.ci/run). EXPECT=FILE fails when the
# table differs from FILE (UPDATE=1 rewrites it); SAMPLE=SPEC=N calls only
# N operations of SPEC.
SPEC ?= $(CONFORMANCE_SPECS)
VERBOSE ?= -v
# lossless.yml is left out: it holds $ref keys inside example data on
# purpose (issue 12), which oagen reads as data but libopenapi, which the
# suite builds arguments from, tries to resolve.
# specs/golden/split is the multi-file fixture: its root file stands for it.
CONFORMANCE_SPECS = $(filter-out specs/golden/lossless.yml,$(wildcard specs/golden/*.yml specs/golden/*.json)) specs/golden/split/openapi.yml specs/porting-orders.yml specs/telnyx-full.yml
# CI calls 60 operations of the full Telnyx spec (all 1,156: about 3 min).
SAMPLE ?= $(if $(filter specs/telnyx-full.yml,$(SPEC)),specs/telnyx-full.yml=60)
.PHONY: conformance
conformance:
	@bin="$$(mktemp -d)/conformance" && (cd tools/conformance && $(GO) build -o "$$bin" .) && \
	{ "$$bin" -prism tools/prism $(VERBOSE) $(if $(EXPECT),-expect $(EXPECT)) $(if $(UPDATE),-update) $(if $(SAMPLE),-sample $(SAMPLE)) $(SPEC); code=$$?; rm -r "$$(dirname "$$bin")"; exit $$code; }
