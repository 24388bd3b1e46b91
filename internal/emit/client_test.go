package emit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/gen"
)

// TestNewClientDocSaysWhereRequestsGo: the doc of NewClient names the
// default server, says when there is none, and says what to do when the
// spec's server is relative (92 of the 2,639 APIs.guru specs), which the
// generated code cannot resolve.
func TestNewClientDocSaysWhereRequestsGo(t *testing.T) {
	cases := []struct{ servers, want string }{
		{"servers: [{url: 'https://api.example.com/v1'}]\n",
			"// and can be given again per call. Without options it sends requests to\n// https://api.example.com/v1 (or $X_BASE_URL when set), with the API key in\n// $X_API_KEY.\n"},
		{"",
			"// and can be given again per call. The spec names no server: set $X_BASE_URL or\n// use WithBaseURL. The API key is read from $X_API_KEY.\n"},
		{"servers: [{url: /api/v1/}]\n",
			"// and can be given again per call. The spec's server, \"/api/v1/\", is relative\n// to where the API is served: set $X_BASE_URL or use WithBaseURL with the\n// absolute URL, such as \"https://api.example.com/api/v1\". The API key is read\n// from $X_API_KEY.\n"},
	}
	for _, c := range cases {
		spec := "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n" + c.servers + "paths:\n  /ping:\n    get:\n      operationId: ping\n      responses: {'204': {description: ok}}\n"
		files, _, err := gen.GenerateBytes("spec.yml", []byte(spec), emit.Options{Package: "p", SpecPath: "spec.yml", EnvPrefix: "X"})
		require.NoError(t, err)
		var client string
		for _, f := range files {
			if f.Name == "client.go" {
				client = string(f.Content)
			}
		}
		_, doc, ok := strings.Cut(client, "// NewClient returns a client configured by opts, which also apply to every call\n")
		require.True(t, ok, "no NewClient doc")
		assert.True(t, strings.HasPrefix(doc, c.want), "%q\ngot:\n%s", c.servers, doc[:min(len(doc), 400)])
	}
}
