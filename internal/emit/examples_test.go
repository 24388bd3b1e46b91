package emit_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/gen"
)

// TestExampleSites generates the example test of specs/golden/lossless.yml
// and requires a case for every example site it has: schemas at any depth
// (items, union variants, allOf members, which take the merged struct's
// type), parameter and header examples maps, and a request body's example
// compared in request form, without its readOnly member.
func TestExampleSites(t *testing.T) {
	const spec = "specs/golden/lossless.yml"
	files, _, err := gen.GenerateFS(spec, os.DirFS("../../specs/golden"), emit.Options{Package: "lossless", SpecPath: spec, ExampleTests: true})
	require.NoError(t, err)
	var src string
	for _, f := range files {
		if f.Name == "examples_test.go" {
			src = string(f.Content)
		}
	}
	require.NotEmpty(t, src, "no examples_test.go")
	row := regexp.MustCompile(`(?m)^\t\{"([^"]+)", "(\w+)", .*, \(\*([^)]+)\)\(nil\), "([^"]*)", (true|false), ("[^"]*"|"(?:[^"\\]|\\.)*")\},$`)
	got := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(src, -1) {
		got[m[1]] = m[2] + " " + m[3] + " request=" + m[5] + " want=" + m[6]
	}
	want := map[string]string{
		"#/components/schemas/Reference/example":                                          `schema Reference request=false want=""`,
		"#/components/schemas/ShortCode/example":                                          `schema Code request=false want=""`,
		"#/components/schemas/User/example":                                               `schema User request=false want=""`,
		"#/components/schemas/User/properties/choice/oneOf/0/example":                     `schema UserChoiceObject request=false want=""`,
		"#/components/schemas/User/properties/choice/oneOf/1/example":                     `schema int64 request=false want=""`,
		"#/components/schemas/User/properties/mixed/allOf/0/example":                      `schema UserMixed request=false want=""`,
		"#/components/schemas/User/properties/tags/items/example":                         `schema UserTagsItem request=false want=""`,
		"#/paths/~1users~1{id}/get/parameters/0/examples/short":                           `parameter Opt[Code] request=false want=""`,
		"#/paths/~1users~1{id}/get/responses/200/content/application~1json/examples/scim": `response User request=false want=""`,
		"#/paths/~1users~1{id}/get/responses/200/headers/X-Rate-Limit/example":            `header int64 request=false want=""`,
		"#/paths/~1users~1{id}/get/responses/200/headers/X-Request-Id/examples/one":       `header string request=false want=""`,
		"#/paths/~1users~1{id}/parameters/0/examples/plain":                               `parameter string request=false want=""`,
		"#/paths/~1users~1{id}/put/requestBody/content/application~1json/example":         `request User request=true want="{\"code\":\"AB\"}"`,
	}
	assert.Equal(t, want, got)
}
