package telnyx

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTelnyxErrorBodiesAreTyped checks that an error of the full Telnyx SDK
// has its {"errors":[...]} body both as ErrorObjects and as the type the
// spec gives the status.
func TestTelnyxErrorBodiesAreTyped(t *testing.T) {
	const body = `{"errors":[{"code":"10007","title":"Unexpected error","detail":"try later","source":{"pointer":"/phone_numbers"}}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	t.Setenv("TELNYX_API_KEY", "")
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("KEY_test_telnyx"), WithMaxRetries(0))
	_, err := c.AdvancedNumberOrders.ListAdvancedOrdersV2(context.Background())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "try later", apiErr.Errors[0].Detail)
	typed, ok := AsErrorBody[NumbersErrors](err)
	require.True(t, ok, "Value is %T", apiErr.Value)
	require.Len(t, typed.Errors.Value, 1)
	assert.Equal(t, "10007", typed.Errors.Value[0].Code.Value)
	assert.Equal(t, "/phone_numbers", typed.Errors.Value[0].Source.Value.Pointer.Value)
}
