package load_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
)

// wideSpec is a spec with one component E whose body is written by fill.
func wideSpec(fill func(b *strings.Builder)) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    E:\n")
	fill(&b)
	return []byte(b.String())
}

// TestLargeEnumLoads: an enum of 50,000 values, one listed twice, loads in
// time linear in its size (duplicates were found by comparing each value
// with every one before it: 66 s).
func TestLargeEnumLoads(t *testing.T) {
	const n = 50_000
	spec := wideSpec(func(b *strings.Builder) {
		b.WriteString("      type: string\n      enum:\n")
		for i := range n {
			fmt.Fprintf(b, "        - value-%d\n", i)
		}
		b.WriteString("        - value-7\n")
	})
	api, err := load.Load("spec.yml", spec)
	require.NoError(t, err)
	var e *model.Type
	for _, ty := range api.Types {
		if ty.Pointer == "#/components/schemas/E" {
			e = ty
		}
	}
	require.NotNil(t, e)
	assert.Len(t, e.Values, n)
	require.Len(t, api.Warnings, 1)
	assert.Equal(t, fmt.Sprintf("spec.yml:%d:11: #/components/schemas/E/enum/%d: duplicate enum value \"value-7\" is listed once", 9+n, n), api.Warnings[0].Error())
}

// TestWideMappingIsCheckedLinearly: a mapping of 80,000 keys with one key
// twice is refused at the second one. libopenapi's own duplicate-key check
// compares every key with every other one (217 s here); the loader turns it
// off and checks in one pass.
func TestWideMappingIsCheckedLinearly(t *testing.T) {
	const n = 80_000
	spec := wideSpec(func(b *strings.Builder) {
		b.WriteString("      type: object\n      x-wide:\n")
		for i := range n {
			fmt.Fprintf(b, "        k%d: 1\n", i)
		}
		b.WriteString("        k7: 2\n")
	})
	_, err := load.Load("spec.yml", spec)
	assert.EqualError(t, err, fmt.Sprintf("spec.yml:%d:9: #/components/schemas/E/x-wide/k7: duplicate key \"k7\" (first at line 16, column 9)", 9+n))

	// Without the duplicate it loads.
	spec = wideSpec(func(b *strings.Builder) {
		b.WriteString("      type: object\n      x-wide:\n")
		for i := range n {
			fmt.Fprintf(b, "        k%d: 1\n", i)
		}
	})
	_, err = load.Load("spec.yml", spec)
	assert.NoError(t, err)
}

// TestInvalidJSONIsRefused: JSON that the YAML parser would read anyway
// (a trailing comma) is refused at its place.
func TestInvalidJSONIsRefused(t *testing.T) {
	_, err := load.Load("spec.json", []byte("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {},}"))
	assert.EqualError(t, err, "spec.json:1:74: #: not valid JSON: invalid character '}' looking for beginning of object key string")
}
