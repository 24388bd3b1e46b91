package templates

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callEvent and payEvent stand in for generated webhook body types.
type callEvent struct {
	Data Opt[callData] `json:"data,omitzero"`

	kept keptFields
}

type callData struct {
	EventType Opt[string] `json:"event_type,omitzero"`
	ID        Opt[string] `json:"id,omitzero"`

	kept keptFields
}

type payEvent struct {
	Amount int64 `json:"amount"`

	kept keptFields
}

func (s callEvent) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *callEvent) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }
func (s callData) MarshalJSON() ([]byte, error)      { return marshalValue(&s, false) }
func (s *callData) UnmarshalJSON(data []byte) error  { return decodeStruct(data, s) }
func (s payEvent) MarshalJSON() ([]byte, error)      { return marshalValue(&s, false) }
func (s *payEvent) UnmarshalJSON(data []byte) error  { return decodeStruct(data, s) }
func (*callEvent) isWebhookEvent()                   {}
func (*payEvent) isWebhookEvent()                    {}

// testRoutes is the table the emitter would write: two Telnyx-style events
// told apart by data.event_type, and a webhook without an event type.
func testRoutes(answered func(context.Context, *callEvent) error, paid func(context.Context, *payEvent) error) []webhookRoute {
	return []webhookRoute{
		{webhook: "callAnswered", field: []string{"data", "event_type"}, value: "call.answered", decode: decodeWebhook[callEvent], deliver: deliverWebhook(answered)},
		{webhook: "callHangup", field: []string{"data", "event_type"}, value: "call.hangup", decode: decodeWebhook[callEvent]},
		{webhook: "paid", decode: decodeWebhook[payEvent], deliver: deliverWebhook(paid)},
	}
}

func TestSelectWebhook(t *testing.T) {
	routes := testRoutes(nil, nil)
	cases := []struct {
		body, only string
		route      int
		typ        string
	}{
		{`{"data":{"event_type":"call.answered"}}`, "", 0, "call.answered"},
		{`{"data":{"event_type":"call.hangup"}}`, "", 1, "call.hangup"},
		{`{"data":{"event_type":"call.x","event_type":"call.hangup"}}`, "", 1, "call.hangup"}, // the last of a repeated name, as the codec reads
		{`{"amount":5}`, "", 2, ""},                                // no event type: the one route without one
		{`{"data":{"event_type":"call.new"}}`, "", -1, "call.new"}, // an unknown type is not taken for "paid"
		{`{"data":{"event_type":"call.new"}}`, "paid", 2, ""},      // unless the handler is for "paid"
		{`{"data":{"event_type":"call.hangup"}}`, "callAnswered", -1, "call.hangup"},
		{`[1,2]`, "", 2, ""},
		{`not json`, "", 2, ""},
	}
	for _, c := range cases {
		route, typ := selectWebhook(routes, c.only, []byte(c.body))
		assert.Equal(t, c.route, route, c.body)
		assert.Equal(t, c.typ, typ, c.body)
	}
}

func hmacSign(key []byte, id, ts string, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func standardHeader(id, ts, sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", ts)
	h.Set("webhook-signature", sig)
	return h
}

func unixNow(offset time.Duration) string {
	return strconv.FormatInt(time.Now().Add(offset).Unix(), 10)
}

func TestStandardWebhookVerifier(t *testing.T) {
	key := make([]byte, 32)
	_, err := rand.Read(key)
	require.NoError(t, err)
	other := bytes.Repeat([]byte{7}, 32)
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	v, err := NewStandardWebhookVerifier(secret)
	require.NoError(t, err)
	body := []byte(`{"type":"user.created","data":{"id":"1"}}`)
	ts := unixNow(0)
	good := hmacSign(key, "msg_1", ts, body)

	require.NoError(t, v.VerifyWebhook(standardHeader("msg_1", ts, good), body))

	svix := http.Header{}
	svix.Set("svix-id", "msg_1")
	svix.Set("svix-timestamp", ts)
	svix.Set("svix-signature", good)
	assert.NoError(t, v.VerifyWebhook(svix, body), "svix-* headers")

	multi := hmacSign(other, "msg_1", ts, body) + " v1a,AAAA " + good
	assert.NoError(t, v.VerifyWebhook(standardHeader("msg_1", ts, multi), body), "one of several signatures matches")

	noPrefix, err := NewStandardWebhookVerifier(base64.StdEncoding.EncodeToString(other), secret)
	require.NoError(t, err)
	assert.NoError(t, noPrefix.VerifyWebhook(standardHeader("msg_1", ts, good), body), "the second of two secrets")

	old := unixNow(-10 * time.Minute)
	future := unixNow(10 * time.Minute)
	bad := map[string]http.Header{
		"wrong key":          standardHeader("msg_1", ts, hmacSign(other, "msg_1", ts, body)),
		"other id":           standardHeader("msg_2", ts, good),
		"old timestamp":      standardHeader("msg_1", old, hmacSign(key, "msg_1", old, body)),
		"future timestamp":   standardHeader("msg_1", future, hmacSign(key, "msg_1", future, body)),
		"other timestamp":    standardHeader("msg_1", unixNow(-time.Minute), good),
		"signed timestamp":   standardHeader("msg_1", "+"+ts, hmacSign(key, "msg_1", "+"+ts, body)),
		"missing signature":  standardHeader("msg_1", ts, ""),
		"missing id":         standardHeader("", ts, good),
		"missing timestamp":  standardHeader("msg_1", "", good),
		"unversioned":        standardHeader("msg_1", ts, strings.TrimPrefix(good, "v1,")),
		"v2":                 standardHeader("msg_1", ts, "v2,"+strings.TrimPrefix(good, "v1,")),
		"not base64":         standardHeader("msg_1", ts, "v1,!!!"),
		"truncated":          standardHeader("msg_1", ts, good[:len(good)-4]),
		"only other schemes": standardHeader("msg_1", ts, "v1a,"+strings.TrimPrefix(good, "v1,")),
	}
	for name, h := range bad {
		err := v.VerifyWebhook(h, body)
		assert.ErrorIs(t, err, ErrWebhookVerification, name)
	}
	assert.ErrorIs(t, v.VerifyWebhook(standardHeader("msg_1", ts, good), append(body, ' ')), ErrWebhookVerification, "tampered body")

	v.Tolerance = 20 * time.Minute
	assert.NoError(t, v.VerifyWebhook(standardHeader("msg_1", old, hmacSign(key, "msg_1", old, body)), body), "within a longer tolerance")

	for _, s := range []string{"", "whsec_", "whsec_!!", "plain words"} {
		_, err := NewStandardWebhookVerifier(s)
		assert.Error(t, err, s)
	}
	_, err = NewStandardWebhookVerifier()
	assert.Error(t, err)
	assert.NotContains(t, v.String(), secret)
}

func telnyxSign(priv ed25519.PrivateKey, ts string, body []byte) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(priv, append([]byte(ts+"|"), body...)))
}

func telnyxHeader(ts, sig string) http.Header {
	h := http.Header{}
	h.Set("telnyx-timestamp", ts)
	h.Set("telnyx-signature-ed25519", sig)
	return h
}

func TestTelnyxWebhookVerifier(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	_, otherPriv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	v, err := NewTelnyxWebhookVerifier(base64.StdEncoding.EncodeToString(pub))
	require.NoError(t, err)
	body := []byte(`{"data":{"event_type":"call.answered","id":"e1"}}`)
	ts := unixNow(0)
	require.NoError(t, v.VerifyWebhook(telnyxHeader(ts, telnyxSign(priv, ts, body)), body))

	old := unixNow(-6 * time.Minute)
	bad := map[string]http.Header{
		"wrong key":         telnyxHeader(ts, telnyxSign(otherPriv, ts, body)),
		"old timestamp":     telnyxHeader(old, telnyxSign(priv, old, body)),
		"other timestamp":   telnyxHeader(unixNow(-time.Minute), telnyxSign(priv, ts, body)),
		"missing signature": telnyxHeader(ts, ""),
		"missing timestamp": telnyxHeader("", telnyxSign(priv, ts, body)),
		"not base64":        telnyxHeader(ts, "!!"),
		"short signature":   telnyxHeader(ts, base64.StdEncoding.EncodeToString([]byte("short"))),
		"hex timestamp":     telnyxHeader("0x10", telnyxSign(priv, "0x10", body)),
	}
	for name, h := range bad {
		assert.ErrorIs(t, v.VerifyWebhook(h, body), ErrWebhookVerification, name)
	}
	tampered := bytes.Replace(body, []byte("e1"), []byte("e2"), 1)
	assert.ErrorIs(t, v.VerifyWebhook(telnyxHeader(ts, telnyxSign(priv, ts, body)), tampered), ErrWebhookVerification, "tampered body")

	for _, k := range []string{"", "!!", base64.StdEncoding.EncodeToString(pub[:31])} {
		_, err := NewTelnyxWebhookVerifier(k)
		assert.Error(t, err, k)
	}
}

func TestWebhookHandler(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	v, err := NewTelnyxWebhookVerifier(base64.StdEncoding.EncodeToString(pub))
	require.NoError(t, err)
	var got []string
	var fail error
	h := &WebhookHandler{verifier: v, routes: testRoutes(
		func(ctx context.Context, e *callEvent) error {
			got = append(got, "answered "+e.Data.Value.ID.Value+" "+WebhookHeader(ctx).Get("telnyx-timestamp"))
			return fail
		},
		func(_ context.Context, e *payEvent) error {
			got = append(got, "paid "+strconv.FormatInt(e.Amount, 10))
			return nil
		})}
	h.fallback = func(_ context.Context, e WebhookEvent) error {
		switch e := e.(type) {
		case *UnknownWebhookEvent:
			got = append(got, "unknown "+e.Type)
		case *callEvent:
			got = append(got, "default "+e.Data.Value.EventType.Value)
		}
		return nil
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	post := func(body string, sign bool) int {
		ts := unixNow(0)
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		require.NoError(t, err)
		if sign {
			req.Header = telnyxHeader(ts, telnyxSign(priv, ts, []byte(body)))
		}
		res, err := srv.Client().Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	assert.Equal(t, 200, post(`{"data":{"event_type":"call.answered","id":"c1"}}`, true))
	assert.Equal(t, 200, post(`{"data":{"event_type":"call.hangup"}}`, true), "no callback: the default one")
	assert.Equal(t, 200, post(`{"data":{"event_type":"call.new"}}`, true), "unknown")
	assert.Equal(t, 200, post(`{"amount":7}`, true))
	assert.Equal(t, 401, post(`{"amount":7}`, false), "unsigned")
	assert.Equal(t, 400, post(`{"amount":"7"`, true), "not JSON")
	assert.Equal(t, 413, post(`{"amount":7,"pad":"`+strings.Repeat("x", DefaultMaxWebhookSize)+`"}`, true))
	fail = errors.New("database down")
	assert.Equal(t, 500, post(`{"data":{"event_type":"call.answered","id":"c2"}}`, true), "the callback failed: the API retries")
	require.Len(t, got, 5)
	assert.Regexp(t, `^answered c1 \d+$`, got[0])
	assert.Equal(t, []string{"default call.hangup", "unknown call.new", "paid 7"}, got[1:4])

	ev, err := h.ForWebhook("paid").Parse(telnyxHeader(unixNow(0), telnyxSign(priv, unixNow(0), []byte(`{"amount":1,"data":{"event_type":"x"}}`))), []byte(`{"amount":1,"data":{"event_type":"x"}}`))
	require.NoError(t, err)
	assert.Equal(t, int64(1), ev.(*payEvent).Amount, "ForWebhook takes the body as its webhook's")

	_, _, err = parseWebhook(h.routes, "", nil, http.Header{}, []byte(`{}`))
	assert.ErrorIs(t, err, ErrWebhookVerification, "no verifier is no verification")
	e, _, err := parseWebhook(h.routes, "", InsecureSkipWebhookVerification(), http.Header{}, []byte(`{"data":{"event_type":"call.hangup","id":"z"}}`))
	require.NoError(t, err)
	assert.Equal(t, "z", e.(*callEvent).Data.Value.ID.Value)
}

func TestReadWebhookBody(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("12345"))
	b, err := readWebhookBody(r, 5)
	require.NoError(t, err)
	assert.Equal(t, "12345", string(b))
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader("123456"))
	_, err = readWebhookBody(r, 5)
	assert.ErrorIs(t, err, ErrWebhookTooLarge, "Content-Length above the limit")
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader("123456"))
	r.ContentLength = -1
	_, err = readWebhookBody(r, 5)
	assert.ErrorIs(t, err, ErrWebhookTooLarge, "no Content-Length: read one byte past the limit")
}

// A timestamp centuries ahead overflows time.Duration; it is still refused.
func TestWebhookTimestampFarAhead(t *testing.T) {
	for _, ts := range []string{"99999999999", "999999999999999999"} {
		assert.ErrorIs(t, checkWebhookTimestamp(ts, time.Minute, nil), ErrWebhookVerification, ts)
	}
}

// A TelnyxWebhookVerifier not made by NewTelnyxWebhookVerifier has no key:
// it refuses, it does not panic.
func TestZeroTelnyxVerifierRefuses(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	body := []byte(`{}`)
	ts := unixNow(0)
	var v TelnyxWebhookVerifier
	assert.ErrorIs(t, v.VerifyWebhook(telnyxHeader(ts, telnyxSign(priv, ts, body)), body), ErrWebhookVerification)
}

func TestWebhookBodyWithoutALimit(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("12345"))
	b, err := readWebhookBody(r, math.MaxInt64)
	require.NoError(t, err)
	assert.Equal(t, "12345", string(b))
}
