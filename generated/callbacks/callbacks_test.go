package callbacks

// Callbacks and webhooks have no client method, but their types serve the
// handler that receives them: they decode and encode like any other.

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallbackBodyRoundTrips(t *testing.T) {
	in := `{"payment_id":"p1","status":"settled","extra":1}`
	var ev CreatePaymentOnPaymentEventRequest
	require.NoError(t, json.Unmarshal([]byte(in), &ev))
	assert.Equal(t, Some("p1"), ev.PaymentID)
	assert.Equal(t, Some(CreatePaymentOnPaymentEventRequestStatusSettled), ev.Status)
	out, err := json.Marshal(ev)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out), "unknown members are kept")

	ack, err := json.Marshal(CreatePaymentOnPaymentEventResponse{Received: Some(true)})
	require.NoError(t, err)
	assert.Equal(t, `{"received":true}`, string(ack))
}

func TestWebhookBodies(t *testing.T) {
	var added PetAddedRequest
	require.NoError(t, json.Unmarshal([]byte(`{"name":"Rex"}`), &added))
	assert.Equal(t, Some("Rex"), added.Name)
	var refunded PaymentRefundedRequest
	require.NoError(t, json.Unmarshal([]byte(`{"refund_id":"r1"}`), &refunded))
	assert.Equal(t, Some("r1"), refunded.RefundID)
}
