package templates

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Options that add to what a typed method sends: for a parameter or a body
// member the spec does not list yet, or a key that makes a retry safe.

// queryField and bodyField are extra query parameters and body members, in
// the order given.
type queryField struct{ name, value string }

type bodyField struct {
	name  string
	value any
}

// WithExtraQuery adds name=value to the query string of a call, after the
// parameters of the method. A parameter of the method with the same name is
// replaced; WithExtraQuery given twice with one name sends both values.
// Name and value are percent-encoded.
func WithExtraQuery(name, value string) Option {
	return func(c *config) {
		c.extraQuery = append(slices.Clip(c.extraQuery), queryField{name, value})
	}
}

// WithExtraBodyField adds the member name, with value encoded as JSON, to
// the JSON object body of a call; a call without a body sends an object of
// its extra members alone. A member of the typed body with the same name is
// replaced by the extra one, so that it can send what the type cannot (a
// value of another type, or null); given twice with one name, the last value
// is sent. A body that is not a JSON object (a file, a form, an array) makes
// the call fail before anything is sent.
func WithExtraBodyField(name string, value any) Option {
	return func(c *config) {
		c.extraBody = append(slices.Clip(c.extraBody), bodyField{name, value})
	}
}

// idempotencyHeader is the header an idempotency key travels in.
const idempotencyHeader = "Idempotency-Key"

// WithIdempotencyKey sends key in the Idempotency-Key header, the same on
// every attempt of the call, so that a server that honours it does the
// operation once however many attempts reach it. It also lets a POST or
// PATCH be retried after a connection error or timeout that may have come
// after the server got the request (as WithRetryNonIdempotent does), since
// the key makes that safe. Use it per call: every call needs a key of its
// own. For a key made per call, see WithAutoIdempotencyKey. A key holding a
// control character fails the call unsent.
func WithIdempotencyKey(key string) Option {
	return func(c *config) {
		if err := checkHeader(idempotencyHeader, key); err != nil {
			c.fail(fmt.Errorf("WithIdempotencyKey: %w", err))
			return
		}
		c.idempotencyKey, c.retryNonIdempotent = key, true
	}
}

// WithAutoIdempotencyKey makes every POST or PATCH call send an
// Idempotency-Key header with a random key of its own, the same on every
// attempt of the call, and lets those calls be retried as with
// WithIdempotencyKey. It suits a client whose server honours the header; a
// key set with WithIdempotencyKey wins. Other methods send no key.
func WithAutoIdempotencyKey() Option {
	return func(c *config) { c.autoIdempotencyKey, c.retryNonIdempotent = true, true }
}

// withOptions returns r with what the call's options add to it: the extra
// query parameters and body members and the idempotency key. It is r itself
// when they add nothing. A problem is recorded in the copy, for build to
// report.
func (r *request) withOptions(cfg *config) *request {
	key := cfg.idempotencyKey
	if key == "" && cfg.autoIdempotencyKey && !r.idempotent() {
		key = "oagen-" + rand.Text()
	}
	if len(cfg.extraQuery) == 0 && len(cfg.extraBody) == 0 && key == "" {
		return r
	}
	cp := *r
	if len(cfg.extraQuery) > 0 {
		replaced := map[string]bool{}
		for _, f := range cfg.extraQuery {
			replaced[queryEscape(f.name)] = true
		}
		cp.query = slices.DeleteFunc(slices.Clone(r.query), func(pair string) bool {
			name, _, _ := strings.Cut(pair, "=")
			return replaced[name]
		})
		for _, f := range cfg.extraQuery {
			cp.query.add(f.name, queryEscape(f.value))
		}
	}
	if len(cfg.extraBody) > 0 {
		body, err := mergeBody(r, cfg.extraBody)
		if err != nil {
			cp.fail(fmt.Errorf("WithExtraBodyField: %w", err))
			return &cp
		}
		cp.contentType, cp.body = "application/json", body
	}
	if key != "" {
		cp.headers = append(slices.Clip(r.headers), headerField{idempotencyHeader, key})
	}
	return &cp
}

// mergeBody writes the JSON object body of r with the extra members: the
// typed members first, in their order, less those an extra member replaces,
// then the extra members in the order given, each name once (its last
// value).
func mergeBody(r *request, extra []bodyField) ([]byte, error) {
	if r.contentType != "" && !isJSONType(r.contentType) {
		return nil, fmt.Errorf("the body is %s, not a JSON object", r.contentType)
	}
	last := map[string]int{}
	for i, f := range extra {
		last[f.name] = i
	}
	out := []byte{'{'}
	if r.contentType != "" {
		ok := members(r.body, func(name []byte, s *scanner) error {
			s.peek()
			start := s.i
			if err := s.skipValue(); err != nil {
				return err
			}
			if _, replaced := last[string(name)]; replaced {
				return nil
			}
			out = appendMember(out, string(name), r.body[start:s.i])
			return nil
		})
		if !ok {
			return nil, errors.New("the body is not a JSON object")
		}
	}
	for i, f := range extra {
		if last[f.name] != i {
			continue
		}
		v, err := marshalRequest(f.value)
		if err != nil {
			return nil, fmt.Errorf("member %q: %w", f.name, err)
		}
		out = appendMember(out, f.name, v)
	}
	return append(out, '}'), nil
}

// appendMember appends "name":value to an object being written.
func appendMember(out []byte, name string, value []byte) []byte {
	if len(out) > 1 {
		out = append(out, ',')
	}
	n, _ := marshalValue(name, false) // a string always encodes
	out = append(out, n...)
	out = append(out, ':')
	return append(out, value...)
}

// isIdempotencyHeader reports whether a header carries an idempotency key,
// which debug logs show rather than redact.
func isIdempotencyHeader(name string) bool {
	return http.CanonicalHeaderKey(name) == idempotencyHeader
}
