package model

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodesAreStable pins every code: a code is part of gen's interface
// (-json, -allow-warnings), so renaming or dropping one must fail here.
// Add new codes to the end of the list.
func TestCodesAreStable(t *testing.T) {
	assert.Equal(t, []Code{
		"allof-member-not-object", "allof-union-not-merged", "allof-pattern-properties", "allof-scalar-conflict", "callbacks-no-handler",
		"conditional-type-conflict", "const-not-constant", "discriminator-mapping-ignored", "duplicate-enum-value",
		"duplicate-operation-id", "enum-type-mismatch", "enum-untyped", "enum-value-range", "example-ignored",
		"header-parameter-ignored", "name-lookalike", "name-too-long", "names-no-match", "one-of-and-any-of",
		"path-query-string", "pattern-properties-untyped", "security-scheme-unsupported",
		"security-scheme-undeclared", "union-beside-properties", "unknown-format", "unknown-type",
		"webhook-event-type-repeated", "webhook-untyped",
		"circular-allof", "circular-reference", "complex-key", "duplicate-key", "empty-file", "invalid-schema",
		"invalid-syntax", "not-openapi", "lone-cr", "media-type-invalid", "parameter-in-invalid",
		"path-parameter-missing", "path-parameter-not-in-path", "ref-cycle", "ref-invalid", "ref-not-schema",
		"ref-outside-spec", "ref-unresolved", "schema-not-object", "spec-too-large", "two-documents",
		"x-go-name-invalid", "yaml-tag", "go-name-collision", "go-name-invalid", "config-filter-keeps-nothing",
		"config-filter-no-match", "config-format-mismatch", "config-pagination", "config-stream-mismatch", "config-invalid", "unclassified",
	}, Codes())
}

func TestCode(t *testing.T) {
	for msg, want := range map[string]Code{
		`unknown format "int128" on integer: generated as a plain integer`:                                        "unknown-format",
		`duplicate operationId "listPets": names are made unique by path`:                                         "duplicate-operation-id",
		`the properties beside oneOf are not typed: the variants keep them as unknown fields`:                     "union-beside-properties",
		`callbacks get their types but no handler: the client does not serve the requests the server makes back`:  "callbacks-no-handler",
		`the path "/pets/{pet_id}" has {pet_id} but the operation declares no path parameter "pet_id"`:            "path-parameter-missing",
		`the path "/search?q={q}" has a query string, which OpenAPI does not allow: the path is "/search"`:        "path-query-string",
		`$ref "#/components/schemas/Pets" points to nothing in this document`:                                     "ref-unresolved",
		`include.tags entry "Nope" matches no operation of the spec`:                                              "config-filter-no-match",
		`the webhook "petAdded" has no JSON request body of a named object or union type: it gets no typed event`: "webhook-untyped",
		`webhooks.signature: unknown scheme "hmac": use one of standard-webhooks, telnyx-ed25519, none`:           "config-invalid",
		`something libopenapi says`: CodeUnclassified,
	} {
		assert.Equal(t, want, (&Diagnostic{Message: msg}).Code(), msg)
	}
}

// TestCodesClassifyTheErrorGoldens: every diagnostic of the error goldens
// (golden/invalid), warnings included, has a code of its own kind.
func TestCodesClassifyTheErrorGoldens(t *testing.T) {
	files, err := filepath.Glob("../../golden/invalid/*.err")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	line := regexp.MustCompile(`^gen: (?:warning: )?\S+:\d+:\d+: (?:#\S*: )?(.*)$`)
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			m := line.FindStringSubmatch(l)
			if m == nil {
				continue // a summary line such as "N warning(s) treated as errors"
			}
			n++
			assert.NotEqual(t, CodeUnclassified, (&Diagnostic{Message: m[1]}).Code(), "%s: %s", filepath.Base(f), l)
		}
	}
	assert.Greater(t, n, 50)
}
