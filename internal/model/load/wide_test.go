package load_test

import (
	"fmt"
	"os"
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

// TestEnumValuesBeyondTheirType: every enum constant fits its Go type.
// An int32 enum with a larger value is an int64; a value beyond int64 or
// float64 has no constant; an enum with no value left is any JSON value
// (two integers beyond int64 were said to "mix integer and number"). Each
// is one placed warning.
func TestEnumValuesBeyondTheirType(t *testing.T) {
	data, err := os.ReadFile("../../../specs/hostile/enum-range.yaml")
	require.NoError(t, err)
	api, err := load.Load("enum-range.yaml", data)
	require.NoError(t, err)
	got := map[string]string{}
	for _, ty := range api.Types {
		var vals []string
		for _, v := range ty.Values {
			vals = append(vals, v.Value.JSON)
		}
		got[ty.Component] = fmt.Sprintf("%v %s %v", ty.Kind, ty.Format, vals)
	}
	assert.Equal(t, map[string]string{
		"Small":   fmt.Sprintf("%v int64 [1 2147483648 -2147483649]", model.KindEnum),
		"Big":     fmt.Sprintf("%v int64 [1 9223372036854775807]", model.KindEnum),
		"Huge":    fmt.Sprintf("%v  []", model.KindAny),
		"Thrice":  fmt.Sprintf("%v  [1000]", model.KindEnum),
		"Real":    fmt.Sprintf("%v  [1 0.5]", model.KindEnum),
		"Untyped": fmt.Sprintf("%v  [3]", model.KindEnum),
	}, got)
	var warnings []string
	for _, w := range api.Warnings {
		warnings = append(warnings, w.Error())
	}
	assert.Equal(t, []string{
		"enum-range.yaml:10:17: #/components/schemas/Small/enum/1: enum value 2147483648 does not fit in an int32 (format int32): the enum is an int64",
		"enum-range.yaml:15:38: #/components/schemas/Big/enum/2: enum value 9223372036854775808 does not fit in an int64: it has no constant, and is read as an invalid value when received",
		"enum-range.yaml:15:59: #/components/schemas/Big/enum/3: enum value -9223372036854775809 does not fit in an int64: it has no constant, and is read as an invalid value when received",
		"enum-range.yaml:18:7: #/components/schemas/Huge: no value of the integer enum fits a Go int64; read as any JSON value",
		"enum-range.yaml:23:20: #/components/schemas/Thrice/enum/1: enum value 1e3 is the number 1000 again: it is listed once",
		"enum-range.yaml:23:25: #/components/schemas/Thrice/enum/2: enum value 1000.0 is the number 1000 again: it is listed once",
		"enum-range.yaml:27:17: #/components/schemas/Real/enum/1: enum value 1.0 is the number 1 again: it is listed once",
		"enum-range.yaml:27:27: #/components/schemas/Real/enum/3: enum value 1.0e400 does not fit in a float64: it has no constant, and is read as an invalid value when received",
		"enum-range.yaml:30:17: #/components/schemas/Untyped/enum/1: enum value 9223372036854775808 does not fit in an int64: it has no constant, and is read as an invalid value when received",
	}, warnings)
}
