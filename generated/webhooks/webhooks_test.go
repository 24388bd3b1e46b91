package webhooks

// The webhook handler of specs/golden/webhooks.yml, against an httptest
// server, with requests signed as Standard Webhooks senders sign them.

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
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

type sender struct {
	t   *testing.T
	key []byte
	url string
}

func (s sender) post(path, body string, age time.Duration, key []byte) int {
	ts := strconv.FormatInt(time.Now().Add(-age).Unix(), 10)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("msg_1." + ts + "." + body))
	req, err := http.NewRequest(http.MethodPost, s.url+path, strings.NewReader(body))
	require.NoError(s.t, err)
	req.Header.Set("webhook-id", "msg_1")
	req.Header.Set("webhook-timestamp", ts)
	req.Header.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	res, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	res.Body.Close()
	return res.StatusCode
}

func TestWebhookHandlerDispatchesTypedEvents(t *testing.T) {
	key := make([]byte, 24)
	_, err := rand.Read(key)
	require.NoError(t, err)
	v, err := NewStandardWebhookVerifier("whsec_" + base64.StdEncoding.EncodeToString(key))
	require.NoError(t, err)
	var got []string
	h := NewWebhookHandler(v, WebhookCallbacks{
		PetAdopted: func(_ context.Context, e *PetAdopted) error {
			got = append(got, "adopted "+e.PetID+" by "+e.Owner.Value)
			return nil
		},
		InvoicePaid: func(ctx context.Context, e *InvoicePaidRequest) error {
			got = append(got, "paid "+e.Data.Value.InvoiceID+" "+strconv.FormatInt(e.Data.Value.Amount.Value, 10)+" "+WebhookHeader(ctx).Get("webhook-id"))
			return nil
		},
		Ping: func(_ context.Context, e *PingRequest) error {
			got = append(got, "ping "+e.SentAt.Value.UTC().Format(time.RFC3339))
			return nil
		},
		CreateOrderOrderShipped: func(_ context.Context, e *CreateOrderOrderShippedRequest) error {
			got = append(got, "shipped "+e.OrderID)
			return nil
		},
		Default: func(_ context.Context, e WebhookEvent) error {
			switch e := e.(type) {
			case *UnknownWebhookEvent:
				got = append(got, "unknown "+e.Type)
			case *InvoiceVoidedRequest:
				got = append(got, "default voided "+e.Data.Value.Reason.Value)
			default:
				got = append(got, "default other")
			}
			return nil
		},
	})
	mux := http.NewServeMux()
	mux.Handle("/events", h)
	mux.Handle("/ping", h.ForWebhook("ping"))
	mux.Handle("/shipped", h.ForWebhook("orderShipped"))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := sender{t: t, key: key, url: srv.URL}

	assert.Equal(t, 200, s.post("/events", `{"kind":"adopted","pet_id":"p1","owner":"ann"}`, 0, key), "by discriminator")
	assert.Equal(t, 200, s.post("/events", `{"kind":"returned","pet_id":"p2"}`, 0, key), "no callback: Default")
	assert.Equal(t, 200, s.post("/events", `{"data":{"event_type":"invoice.paid","invoice_id":"i1","amount":30}}`, 0, key), "by data.event_type")
	assert.Equal(t, 200, s.post("/events", `{"data":{"event_type":"invoice.voided","reason":"dup"}}`, 0, key))
	assert.Equal(t, 200, s.post("/events", `{"data":{"event_type":"invoice.refunded"}}`, 0, key), "unknown event type: 200, not an error")
	assert.Equal(t, 200, s.post("/ping", `{"sent_at":"2026-01-02T03:04:05Z"}`, 0, key), "by the handler's webhook")
	assert.Equal(t, 200, s.post("/shipped", `{"order_id":"o1"}`, 0, key), "a callback")
	assert.Equal(t, []string{"adopted p1 by ann", "default other", "paid i1 30 msg_1", "default voided dup", "unknown invoice.refunded", "ping 2026-01-02T03:04:05Z", "shipped o1"}, got)

	got = nil
	other := make([]byte, 24)
	assert.Equal(t, 401, s.post("/events", `{"kind":"adopted","pet_id":"p1"}`, 0, other), "wrong key")
	assert.Equal(t, 401, s.post("/events", `{"kind":"adopted","pet_id":"p1"}`, 10*time.Minute, key), "old timestamp")
	assert.Equal(t, 400, s.post("/events", `{"kind":"adopted",`, 0, key), "verified but not JSON")
	res, err := http.Post(srv.URL+"/events", "application/json", strings.NewReader(`{"kind":"adopted","pet_id":"p1"}`))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 401, res.StatusCode, "unsigned")
	assert.Empty(t, got, "no callback runs for a request that is refused")
}

func TestParseWebhook(t *testing.T) {
	body := `{"kind":"returned","pet_id":"p9","reason":"allergy"}`
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	e, err := ParseWebhook(r, InsecureSkipWebhookVerification())
	require.NoError(t, err)
	ret, ok := e.(*PetReturned)
	require.True(t, ok, "%T", e)
	assert.Equal(t, "allergy", ret.Reason.Value)

	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	_, err = ParseWebhook(r, nil)
	assert.ErrorIs(t, err, ErrWebhookVerification)
}
