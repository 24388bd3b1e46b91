package templates

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
)

// WebhookEvent is one request the API sent, verified and decoded: a pointer
// to the generated type of its body (see WebhookCallbacks for the list), or
// *UnknownWebhookEvent. Type-switch on it.
type WebhookEvent interface {
	isWebhookEvent()
}

// UnknownWebhookEvent is a verified request that is none of the events this
// package knows: an event type added to the API after the package was
// generated, or a webhook that only its URL tells apart (see
// WebhookHandler.ForWebhook). It is not an error: the sender is answered
// 200 so that it does not retry an event nobody will ever understand.
type UnknownWebhookEvent struct {
	// Webhook is the webhook the handler was restricted to with ForWebhook,
	// "" otherwise.
	Webhook string
	// Type is the event-type value the body carries, "" when it has none.
	Type   string
	Header http.Header
	Body   []byte // the raw body, as it was verified
}

func (*UnknownWebhookEvent) isWebhookEvent() {}

// WebhookVerifier checks that a request comes from the API, from the exact
// bytes of its body and its headers, before anything decodes it. Its error
// wraps ErrWebhookVerification.
type WebhookVerifier interface {
	VerifyWebhook(header http.Header, body []byte) error
}

// ErrWebhookVerification is wrapped by every error of a verifier: a missing
// or malformed signature header, a timestamp outside the tolerance, a
// signature that does not match.
var ErrWebhookVerification = errors.New("webhook not verified")

// ErrWebhookTooLarge is returned for a body larger than the handler's
// MaxBodySize (DefaultMaxWebhookSize).
var ErrWebhookTooLarge = errors.New("webhook body too large")

// DefaultMaxWebhookSize bounds the body a handler or ParseWebhook reads.
const DefaultMaxWebhookSize = 1 << 20

func webhookUnverified(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrWebhookVerification, fmt.Sprintf(format, args...))
}

// InsecureSkipWebhookVerification returns a verifier that accepts every
// request. Use it only behind something else that authenticates the
// sender: anyone who can reach the URL can make the handler act.
func InsecureSkipWebhookVerification() WebhookVerifier { return skipVerification{} }

type skipVerification struct{}

func (skipVerification) VerifyWebhook(http.Header, []byte) error { return nil }

// webhookRoute is one event the generated table lists.
type webhookRoute struct {
	webhook string   // the webhook's (or callback's) name in the spec
	field   []string // the path of the event-type member, e.g. data.event_type; nil when the event has none
	value   string   // the event-type value that selects this event
	decode  func([]byte) (WebhookEvent, error)
	deliver func(context.Context, WebhookEvent) error // nil when no callback is registered
}

// decodeWebhook decodes a body into a new T.
func decodeWebhook[T any, P interface {
	*T
	WebhookEvent
}](body []byte) (WebhookEvent, error) {
	v := P(new(T))
	if err := decodeValue(body, v); err != nil {
		return nil, err
	}
	return v, nil
}

// deliverWebhook adapts a typed callback to the route table; nil stays nil.
func deliverWebhook[T any, P interface {
	*T
	WebhookEvent
}](f func(context.Context, P) error) func(context.Context, WebhookEvent) error {
	if f == nil {
		return nil
	}
	return func(ctx context.Context, e WebhookEvent) error { return f(ctx, e.(P)) }
}

// WebhookDecodeError is returned for a verified body that does not decode
// into the type of its event: not JSON, or not the JSON value the spec says.
type WebhookDecodeError struct {
	Webhook string // the webhook's name in the spec
	Err     error
}

func (e *WebhookDecodeError) Error() string {
	return fmt.Sprintf("webhook %s: decode body: %v", e.Webhook, e.Err)
}

func (e *WebhookDecodeError) Unwrap() error { return e.Err }

// webhookMember returns the string at path in a JSON object, as the codec
// reads it: the last of repeated names counts.
func webhookMember(body []byte, path []string) (string, bool) {
	data := json.RawMessage(body)
	for _, name := range path {
		var obj map[string]json.RawMessage
		if json.Unmarshal(data, &obj) != nil {
			return "", false
		}
		var ok bool
		if data, ok = obj[name]; !ok {
			return "", false
		}
	}
	var s string
	if json.Unmarshal(data, &s) != nil {
		return "", false
	}
	return s, true
}

// selectWebhook picks the route for a body: the first whose event-type
// member holds its value; else, when the body carries no event type, the one
// route without an event type, if exactly one; else none (-1). only, when
// set, restricts the routes to one webhook's. typ is the event-type value
// the body carries, "" when none.
func selectWebhook(routes []webhookRoute, only string, body []byte) (route int, typ string) {
	read := map[string]*string{}
	loose, looseCount := -1, 0
	for i, r := range routes {
		if only != "" && r.webhook != only {
			continue
		}
		if r.field == nil {
			loose, looseCount = i, looseCount+1
			continue
		}
		key := strings.Join(r.field, "\x00")
		v, seen := read[key]
		if !seen {
			if s, ok := webhookMember(body, r.field); ok {
				v = &s
			}
			read[key] = v
		}
		if v == nil {
			continue
		}
		if typ == "" {
			typ = *v
		}
		if *v == r.value {
			return i, *v
		}
	}
	if looseCount == 1 && (typ == "" || only != "") {
		return loose, typ
	}
	return -1, typ
}

// parseWebhook verifies body, then decodes it into its event. route is the
// index of the event's route, -1 for an unknown event.
func parseWebhook(routes []webhookRoute, only string, v WebhookVerifier, header http.Header, body []byte) (WebhookEvent, int, error) {
	if v == nil {
		return nil, -1, webhookUnverified("no verifier: pass one, or InsecureSkipWebhookVerification()")
	}
	if err := v.VerifyWebhook(header, body); err != nil {
		return nil, -1, err
	}
	if !json.Valid(body) {
		return nil, -1, &WebhookDecodeError{Webhook: only, Err: errors.New("the body is not JSON")}
	}
	i, typ := selectWebhook(routes, only, body)
	if i < 0 {
		return &UnknownWebhookEvent{Webhook: only, Type: typ, Header: header, Body: body}, -1, nil
	}
	e, err := routes[i].decode(body)
	if err != nil {
		return nil, -1, &WebhookDecodeError{Webhook: routes[i].webhook, Err: err}
	}
	return e, i, nil
}

// readWebhookBody reads a request body of at most limit bytes (no limit
// when limit <= 0).
func readWebhookBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	if limit <= 0 || limit == math.MaxInt64 { // no limit; limit+1 below would overflow
		return io.ReadAll(r.Body)
	}
	if r.ContentLength > limit {
		return nil, ErrWebhookTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, ErrWebhookTooLarge
	}
	return body, nil
}

// WebhookHandler is an http.Handler that verifies each request, decodes it
// into its event and calls the callback registered for it. It answers:
//   - 200 when the callback returned nil, or when no callback handles the
//     event (known or unknown) and there is no Default callback;
//   - 401 when the request is not verified (ErrWebhookVerification);
//   - 400 when a verified body does not decode into its event's type;
//   - 413 when the body is larger than MaxBodySize;
//   - 500 when the callback returned an error, so that the API sends the
//     event again.
//
// Make one with NewWebhookHandler.
type WebhookHandler struct {
	// MaxBodySize bounds the body read: DefaultMaxWebhookSize when zero, no
	// bound when negative.
	MaxBodySize int64

	verifier WebhookVerifier
	routes   []webhookRoute
	fallback func(context.Context, WebhookEvent) error
	only     string
}

// ForWebhook returns a copy of h that takes every request as the webhook
// name, its key in the spec's webhooks (for a callback, the callback's
// key): mount it at the URL you gave the API for
// that webhook when its events carry no event type of their own. A name
// the package does not know makes every event an *UnknownWebhookEvent.
func (h *WebhookHandler) ForWebhook(name string) *WebhookHandler {
	c := *h
	c.only = name
	return &c
}

func (h *WebhookHandler) limit() int64 {
	if h.MaxBodySize == 0 {
		return DefaultMaxWebhookSize
	}
	return h.MaxBodySize
}

// Parse verifies and decodes a body and its headers, as ServeHTTP does,
// without calling any callback.
func (h *WebhookHandler) Parse(header http.Header, body []byte) (WebhookEvent, error) {
	e, _, err := parseWebhook(h.routes, h.only, h.verifier, header, body)
	return e, err
}

type webhookHeaderKey struct{}

// WebhookHeader returns, in a callback, the headers of the request being
// handled (webhook-id, say, to drop an event delivered twice); nil outside
// one.
func WebhookHeader(ctx context.Context) http.Header {
	h, _ := ctx.Value(webhookHeaderKey{}).(http.Header)
	return h
}

func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := readWebhookBody(r, h.limit())
	if err != nil {
		if errors.Is(err, ErrWebhookTooLarge) {
			http.Error(w, "webhook body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the webhook body", http.StatusBadRequest)
		return
	}
	e, i, err := parseWebhook(h.routes, h.only, h.verifier, r.Header, body)
	var de *WebhookDecodeError
	switch {
	case errors.Is(err, ErrWebhookVerification):
		http.Error(w, "webhook not verified", http.StatusUnauthorized)
		return
	case errors.As(err, &de):
		http.Error(w, "webhook body does not decode", http.StatusBadRequest)
		return
	case err != nil:
		http.Error(w, "webhook not verified", http.StatusUnauthorized)
		return
	}
	deliver := h.fallback
	if i >= 0 && h.routes[i].deliver != nil {
		deliver = h.routes[i].deliver
	}
	if deliver != nil {
		ctx := context.WithValue(r.Context(), webhookHeaderKey{}, r.Header)
		if err := deliver(ctx, e); err != nil {
			http.Error(w, "webhook callback failed", http.StatusInternalServerError)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}
