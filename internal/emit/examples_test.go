package emit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
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

// exampleSummarySpec has an example of each class: two that fit (one a
// property's, checked twice), a property's date-time that does not fit
// (kept raw as a member, not decodable at its own type) and an array where
// the schema says object.
const exampleSummarySpec = `openapi: 3.1.0
info: {title: Summary, version: "1"}
paths: {}
components:
  schemas:
    Item:
      type: object
      properties:
        n:
          type: integer
          example: 3
        when:
          type: string
          format: date-time
          example: "2024-01-02 03:04:05"
      example: {n: 1}
    Bad:
      type: object
      properties:
        a: {type: string}
      example: [1]
`

// TestExampleSummary runs a generated example test and checks the lines it
// prints: the checks by site, how many distinct examples they cover (a
// property's example is checked twice), and each class with a count, of
// checks and of distinct examples, so that an error in the spec is told
// from a loss.
func TestExampleSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on generated code; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go binary on PATH")
	}
	files, _, err := gen.GenerateBytes("summary.yml", []byte(exampleSummarySpec), emit.Options{Package: "summary", SpecPath: "summary.yml", ExampleTests: true})
	require.NoError(t, err)
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/summary\n\ngo 1.24\n"), 0o644))
	require.NoError(t, gen.Write(filepath.Join(root, "summary"), files))
	cmd := exec.Command(goBin, "test", "-count=1", "-run", "^TestExamplesRoundTrip$", "-v", "./summary")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var got []string
	for _, line := range strings.Split(string(out), "\n") {
		if _, after, ok := strings.Cut(line, ": examples: "); ok {
			got = append(got, "examples: "+after)
		}
	}
	assert.Equal(t, []string{
		"examples: 4 distinct examples, in 6 checks (sites: 4 schema, 2 property, 0 parameter, 0 header, 0 request, 0 response; a property's example is checked twice, as a member of its object and at its own type)",
		"examples: 4 of 6 checks decoded and re-encoded unchanged: 3 fit their types; 1 do not, in members kept raw and written back (an error in the spec, no loss); 2 do not fit their schema at all (an error in the spec); 0 lost or changed (a loss: the failures above)",
		"examples: of the 4 distinct examples, 2 fit their types at every check; 2 are errors in the spec (no loss); 0 are lost or changed (a loss)",
	}, got)
	assert.Contains(t, string(out), "#/components/schemas/Item/properties/when/example: 1 members do not fit their field: kept raw and written back")
	assert.Contains(t, string(out), "#/components/schemas/Bad/example: the example does not fit its schema")
}
