//go:build unix

package portingorders

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryOperationAgainstPrism calls every operation of the spec through
// the generated client against Prism mocking the same spec. Prism validates
// each request (path, query, headers, auth, body) and answers with the
// spec's example; the client must decode every answer. A request Prism
// rejects comes back as an *APIError and fails the test.
func TestEveryOperationAgainstPrism(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Prism; skipped with -short")
	}
	api := loadSpec(t)
	base := startPrism(t, specPath)
	c := NewClient(WithBaseURL(base), WithAPIKey("test-key"), WithMaxRetries(0))

	accepted := 0
	var failures []string
	for _, op := range api.Operations {
		err := call(t, context.Background(), c, op)
		if err != nil {
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				err = errors.Join(err, errors.New("sl-violations: "+apiErr.Header.Get("sl-violations")))
			}
			failures = append(failures, op.ID+": "+err.Error())
			continue
		}
		accepted++
	}
	assert.Empty(t, failures, "Prism rejected requests or the client could not decode a response:\n%s", strings.Join(failures, "\n"))
	require.Equal(t, 39, len(api.Operations))
	t.Logf("%d of %d operations accepted by Prism and decoded", accepted, len(api.Operations))
}
