package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Runtime-level checks of the body and secret helpers; the client as a whole
// meets bad servers in generated/portingorders/faults_test.go.

func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 1000) // 10,000 bytes
	cases := []struct {
		name        string
		size        int64
		limit, want int
	}{
		{"length known", 10000, -1, 10000},
		{"length unknown", -1, -1, 10000},
		{"length understated", 10, -1, 10000},
		{"length overstated", 1 << 40, -1, 10000},
		{"limit below the body", -1, 4096, 4096},
		{"limit below the length", 10000, 4096, 4096},
		{"limit above the body", 10000, 1 << 20, 10000},
	}
	for _, tc := range cases {
		b, err := readBody(strings.NewReader(body), tc.size, tc.limit)
		require.NoError(t, err, tc.name)
		assert.Equal(t, body[:tc.want], string(b), tc.name)
	}

	boom := errors.New("boom")
	b, err := readBody(io.MultiReader(strings.NewReader("part"), errReader{boom}), -1, -1)
	assert.Equal(t, "part", string(b), "what arrived is kept")
	assert.ErrorIs(t, err, boom)
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// A Content-Length costs nothing to state: the buffer it buys before the
// bytes arrive is capped.
func TestReadBodyFalseContentLength(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := readBody(strings.NewReader("{}"), 1<<40, -1)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Equal(t, "{}", string(b))
	assert.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(maxPrealloc+1<<20))
}

// A large body with a true Content-Length is copied once, from the first
// sixteenth of it into a buffer of its length: doubling 16, 32, 64 MiB
// towards 40 MiB would allocate 88 MiB, a first buffer of maxPrealloc 56 MiB.
func TestReadBodyLargeKnownLength(t *testing.T) {
	const size = 40 << 20
	body := strings.Repeat("x", size)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := readBody(strings.NewReader(body), size, 256<<20)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Len(t, b, size)
	assert.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, uint64(size+size/16+1<<20))
}

// A stated length past maxPrealloc buys a sixteenth of it before it is
// borne out, and at least minProbe: a false one costs at most sixteen times
// what arrived.
func TestReadBodyFalseLargeContentLength(t *testing.T) {
	for _, tc := range []struct {
		size  int64
		first uint64
	}{{64 << 20, 4 << 20}, {maxPrealloc + 1, minProbe}, {1 << 40, maxPrealloc}} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b, err := readBody(strings.NewReader("{}"), tc.size, 256<<20)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		assert.Equal(t, "{}", string(b))
		assert.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, tc.first+64<<10, tc.size)
	}
}

func TestReadSuccessBodySaysHowMuchArrived(t *testing.T) {
	res := &http.Response{ContentLength: 100, Body: io.NopCloser(io.MultiReader(strings.NewReader("abc"), errReader{io.ErrUnexpectedEOF}))}
	_, err := readSuccessBody(res, 0)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.EqualError(t, err, "unexpected EOF after 3 of 100 bytes")
}

func TestIsJSONType(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/json":                true,
		"application/json; charset=utf-8": true,
		"Application/JSON":                true,
		"application/problem+json":        true,
		"application/vnd.api+json":        true,
		"text/html":                       false,
		"text/plain":                      false,
		"application/jsonx":               false,
		"json":                            false,
		";;":                              false,
	} {
		assert.Equal(t, want, isJSONType(ct), ct)
	}
}

func TestRedaction(t *testing.T) {
	keys := []string{testKey}
	assert.Equal(t, "a [REDACTED] b [REDACTED]", string(redact([]byte("a "+testKey+" b "+testKey), keys)))
	assert.Equal(t, "a k b", string(redact([]byte("a k b"), nil)), "no secret, no change")
	assert.Equal(t, "[REDACTED] [REDACTED]", string(redact([]byte("password1 token-abc"), []string{"password1", "token-abc"})), "every secret")

	h := http.Header{"X": {"x" + testKey, "y"}}
	redactHeader(h, keys)
	assert.Equal(t, []string{"x[REDACTED]", "y"}, h["X"])

	cause := fmt.Errorf("read: %w", context.DeadlineExceeded)
	err := redactError(fmt.Errorf("got %q: %w", testKey, cause), keys)
	assert.Equal(t, `got "[REDACTED]": read: context deadline exceeded`, err.Error())
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the chain is kept")
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), testKey)
	assert.Same(t, cause, redactError(cause, keys), "nothing to hide: the same error")

	// A key too short to search for is not: it would garble every message.
	c := newTestCore(t, WithAPIKey("k"))
	assert.Empty(t, c.cfg.secrets())
	c = newTestCore(t, WithAPIKey(testKey))
	assert.Equal(t, []string{testKey}, c.cfg.secrets())
	// Every static credential, and the form a key takes in a query string,
	// longest first.
	c = newTestCore(t, WithAPIKey(testKey), withSchemeKey("queryKey", "q key/1+2"), withSchemeBasic("basic", "user", "pa55word"),
		withSchemeToken("oauth", TokenSourceFunc(func(context.Context) (string, error) { return "not-static", nil })))
	assert.Equal(t, []string{"dXNlcjpwYTU1d29yZA%3D%3D", testKey, "dXNlcjpwYTU1d29yZA==", "q%20key%2F1%2B2", "q key/1+2", "pa55word"}, c.cfg.secrets())
}

func TestReadSuccessBodyLimit(t *testing.T) {
	body := strings.Repeat("x", 1000)
	for _, tc := range []struct {
		name   string
		size   int64
		limit  int64
		want   int
		tooBig bool
	}{
		{"under", -1, 1001, 1000, false},
		{"exactly", -1, 1000, 1000, false},
		{"exactly, length known", 1000, 1000, 1000, false},
		{"over", -1, 999, 999, true},
		{"length over: not read", 1000, 999, 0, true},
		{"no limit", -1, 0, 1000, false},
	} {
		res := &http.Response{ContentLength: tc.size, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}
		b, err := readSuccessBody(res, tc.limit)
		assert.Len(t, b, tc.want, tc.name)
		var tooLarge *ResponseTooLargeError
		assert.Equal(t, tc.tooBig, errors.As(err, &tooLarge), tc.name)
		if !tc.tooBig {
			assert.NoError(t, err, tc.name)
		}
	}
	assert.EqualError(t, &ResponseTooLargeError{Limit: 256 << 20, ContentLength: 1 << 31}, "the body is larger than 256 MiB, the limit set by WithMaxResponseSize (Content-Length 2147483648)")
	assert.EqualError(t, &ResponseTooLargeError{Limit: 1000, ContentLength: -1}, "the body is larger than 1000 bytes, the limit set by WithMaxResponseSize")
}
