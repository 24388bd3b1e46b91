package telnyx

// Telnyx's webhooks, signed with Ed25519 as Telnyx signs them, through the
// generated handler (oagen.yaml: webhooks.signature telnyx-ed25519).

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTelnyxWebhooks(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	v, err := NewTelnyxWebhookVerifier(base64.StdEncoding.EncodeToString(pub))
	require.NoError(t, err)
	var got []string
	h := NewWebhookHandler(v, WebhookCallbacks{
		CallAnswered: func(_ context.Context, e *CallAnsweredEvent) error {
			got = append(got, string(e.Data.Value.EventType.Value)+" "+e.Data.Value.Payload.Value.CallControlID.Value)
			return nil
		},
		ConferenceFloorChanged: func(_ context.Context, e *ConferenceFloorChangedEvent) error {
			got = append(got, "floor "+e.ID.Value)
			return nil
		},
		Default: func(_ context.Context, e WebhookEvent) error {
			if u, ok := e.(*UnknownWebhookEvent); ok {
				got = append(got, "unknown "+u.Type)
			}
			return nil
		},
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	post := func(body string, age time.Duration, key ed25519.PrivateKey, tamper bool) int {
		ts := strconv.FormatInt(time.Now().Add(-age).Unix(), 10)
		sig := ed25519.Sign(key, []byte(ts+"|"+body))
		if tamper {
			body = strings.Replace(body, "v3:", "v4:", 1)
		}
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("telnyx-timestamp", ts)
		req.Header.Set("telnyx-signature-ed25519", base64.StdEncoding.EncodeToString(sig))
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	answered := `{"data":{"event_type":"call.answered","id":"e1","record_type":"event","payload":{"call_control_id":"v3:abc"}}}`
	assert.Equal(t, 200, post(answered, 0, priv, false))
	assert.Equal(t, 200, post(`{"event_type":"conference.floor.changed","id":"f1"}`, 0, priv, false), "event_type at the top")
	assert.Equal(t, 200, post(`{"data":{"event_type":"call.teleported"}}`, 0, priv, false), "an event type Telnyx adds later")
	assert.Equal(t, []string{"call.answered v3:abc", "floor f1", "unknown call.teleported"}, got)

	_, otherKey, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	got = nil
	assert.Equal(t, 401, post(answered, 0, otherKey, false), "wrong key")
	assert.Equal(t, 401, post(answered, 0, priv, true), "tampered body")
	assert.Equal(t, 401, post(answered, 6*time.Minute, priv, false), "replayed after the 5 min tolerance")
	assert.Empty(t, got)
}
