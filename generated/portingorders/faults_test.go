package portingorders

// The generated client against servers that misbehave: bad and huge bodies,
// wrong types, slow answers, 429 storms, redirects elsewhere, and hostile
// input from the caller (header values, path parameters). Every server is an
// httptest server on 127.0.0.1. Each test fails when the behaviour it names
// breaks; the runtime under test is templates/, copied in as oagen_*.go.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// faultKey is long enough to be redacted (minSecretLen) and distinctive
// enough that finding it anywhere is a leak.
const faultKey = "sk_test_F4ult5_N3verL0gged"

// fastRetries shrinks the backoff so that retry tests take milliseconds.
var fastRetries Option = func(c *config) { c.backoffBase, c.backoffMax = time.Millisecond, 4*time.Millisecond }

// seenRequest is what a faultServer saw of one request.
type seenRequest struct {
	Method string
	URI    string // the request target exactly as sent
	Path   string // as the server decoded it
	Header http.Header
	Body   string
}

// faultServer records requests and counts connections, so that a test can
// tell "nothing was sent" from "something was sent and refused".
type faultServer struct {
	*httptest.Server
	mu    sync.Mutex
	reqs  []seenRequest
	conns atomic.Int32
}

func newFaultServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *faultServer {
	t.Helper()
	fs := &faultServer{}
	fs.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fs.mu.Lock()
		n := len(fs.reqs)
		fs.reqs = append(fs.reqs, seenRequest{r.Method, r.RequestURI, r.URL.Path, r.Header.Clone(), string(body)})
		fs.mu.Unlock()
		handle(w, r, n)
	}))
	fs.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			fs.conns.Add(1)
		}
	}
	fs.Start()
	t.Cleanup(fs.Close)
	return fs
}

func (fs *faultServer) requests() []seenRequest {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]seenRequest(nil), fs.reqs...)
}

func (fs *faultServer) count() int { return len(fs.requests()) }

// serve answers every request with the same response.
func serve(status int, contentType, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// raw writes bytes straight onto the connection and hangs up: a response
// net/http would never produce, such as one shorter than its Content-Length.
func raw(response string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		_, _ = buf.WriteString(response)
		_ = buf.Flush()
		_ = conn.Close()
	}
}

// hang holds a request until the client gives up on it, or 5 s pass: a test
// of a broken timeout then fails instead of hanging.
func hang(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

func faultClient(baseURL string, opts ...Option) *Client {
	return NewClient(append([]Option{WithBaseURL(baseURL), WithAPIKey(faultKey), fastRetries}, opts...)...)
}

// allocated returns the bytes allocated while f runs, by anything in the
// process: the tests here do not run in parallel, so that is f and the
// server it talks to.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// stream writes size bytes of body (head, then filler, then tail) from one
// reused buffer, so that the server allocates next to nothing, and records
// how much the connection accepted before the client hung up.
func stream(w http.ResponseWriter, head, tail string, size int, sent *atomic.Int64) {
	chunk := []byte(strings.Repeat("x", 64<<10))
	write := func(b []byte) bool {
		n, err := w.Write(b)
		sent.Add(int64(n))
		return err == nil
	}
	if !write([]byte(head)) {
		return
	}
	for left := size - len(head) - len(tail); left > 0; left -= len(chunk) {
		if !write(chunk[:min(left, len(chunk))]) {
			return
		}
	}
	write([]byte(tail))
}

// --- Bad bodies ---------------------------------------------------------

func TestFaultBadSuccessBodies(t *testing.T) {
	html := "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>\n<body>Back soon</body></html>"
	cases := []struct {
		name       string
		handle     func(http.ResponseWriter, *http.Request, int)
		decode     bool     // a decode error; else a read error
		want       []string // in the message
		wantCause  error    // in the chain, when set
		retried    bool     // a GET is sent again
		statusCode int
	}{
		{
			name:   "malformed JSON",
			handle: serve(200, "application/json", `{"data":{"id":"po_1",}}`),
			decode: true, statusCode: 200,
			want: []string{"GET /porting_orders/{id}: 200 OK: decode response: ", "invalid character '}'", `body: "{\"data\":{\"id\":\"po_1\",}}"`},
		},
		{
			name:   "JSON cut off, HTTP complete",
			handle: serve(200, "application/json", `{"data":{"id":"po_1","customer_reference":"Acct`),
			decode: true, statusCode: 200,
			want: []string{"200 OK: decode response: ", "data.customer_reference: unexpected end of JSON input in string literal", `body: "{\"data\":{\"id\":\"po_1\",\"customer_reference\":\"Acct"`},
		},
		{
			name:      "shorter than Content-Length",
			handle:    raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + `{"data":{"id":"po_1"`),
			want:      []string{"GET /porting_orders/{id}: 200 OK: read response body: unexpected EOF after 20 of 1000 bytes", `body: "{\"data\":{\"id\":\"po_1\""`},
			wantCause: io.ErrUnexpectedEOF, retried: true, statusCode: 200,
		},
		{
			name:      "chunked body cut off",
			handle:    raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + `{"data":{"id":"po_1"` + "\r\n"),
			want:      []string{"200 OK: read response body: unexpected EOF after 20 bytes", `body: "{\"data\":{\"id\":\"po_1\""`},
			wantCause: io.ErrUnexpectedEOF, retried: true, statusCode: 200,
		},
		{
			name:   "HTML page for a JSON operation",
			handle: serve(200, "text/html; charset=utf-8", html),
			decode: true, statusCode: 200,
			want: []string{`GET /porting_orders/{id}: 200 OK: decode response (Content-Type "text/html; charset=utf-8" is not JSON): `, "invalid character '<' looking for beginning of value at offset 0",
				`body: "<!DOCTYPE html> <html><head><title>Maintenance</title></head> <body>Back soon</body></html>"`},
		},
		{
			name:   "array where an object belongs",
			handle: serve(201, "application/json", `[{"id":"po_1"}]`),
			decode: true, statusCode: 201,
			want: []string{"201 Created: decode response: ", "expected an object, got an array", `body: "[{\"id\":\"po_1\"}]"`},
		},
		{
			name:   "binary garbage",
			handle: serve(200, "application/octet-stream", "\x00\x1b[31m\xff\xfe{\r\n\"data\""),
			decode: true, statusCode: 200,
			want: []string{`decode response (Content-Type "application/octet-stream" is not JSON)`, "body: \"\ufffd{ \\\"data\\\"\""},
		},
		{
			name:   "trailing data",
			handle: serve(200, "application/json", `{"data":{"id":"po_1"}} {"data":{}}`),
			decode: true, statusCode: 200,
			want: []string{"200 OK: decode response: ", "invalid character '{' after top-level value at offset 23"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFaultServer(t, tc.handle)
			var got *http.Response
			res, err := faultClient(srv.URL).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{}, WithResponseInto(&got))
			require.Error(t, err)
			assert.Nil(t, res)
			var re *ResponseError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, tc.statusCode, re.StatusCode)
			assert.Equal(t, tc.decode, re.Decode)
			for _, s := range tc.want {
				assert.Contains(t, err.Error(), s)
			}
			assert.NotContains(t, err.Error(), "\n", "one line")
			if tc.wantCause != nil {
				assert.ErrorIs(t, err, tc.wantCause)
			}
			want := 1
			if tc.retried {
				want = 3
			}
			assert.Equal(t, want, srv.count(), "attempts")
			require.NotNil(t, got, "WithResponseInto still gets the response")
			assert.Equal(t, tc.statusCode, got.StatusCode)
		})
	}

	t.Run("cut-off body of a PATCH is not resent", func(t *testing.T) {
		srv := newFaultServer(t, raw("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"data\":"))
		_, err := faultClient(srv.URL).PortingOrders.Update(context.Background(), "po_1", UpdatePortingOrder{})
		var re *ResponseError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 1, srv.count(), "the server may have applied it")
	})
}

// Policy: the Content-Type of a success body is not checked. A body that
// decodes is accepted, whatever it claims to be; one that does not names the
// Content-Type in its error (above). An empty 2xx body is an empty result.
func TestFaultWrongContentTypeWithValidJSONDecodes(t *testing.T) {
	for _, ct := range []string{"text/html", "text/plain; charset=utf-8", "application/octet-stream", ""} {
		srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header()["Content-Type"] = []string{ct} // set even when empty: no sniffing
			_, _ = io.WriteString(w, `{"data":{"id":"po_1","customer_reference":"Acct 123abc"}}`)
		})
		res, err := faultClient(srv.URL).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
		require.NoError(t, err, ct)
		assert.Equal(t, "Acct 123abc", res.Data.Value.CustomerReference.Value, ct)
	}

	srv := newFaultServer(t, serve(200, "application/json", ""))
	res, err := faultClient(srv.URL).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
	require.NoError(t, err)
	assert.False(t, res.Data.Set, "an empty body is an empty result")
}

func TestFaultBadErrorBodies(t *testing.T) {
	cases := []struct {
		name    string
		handle  func(http.ResponseWriter, *http.Request, int)
		status  int
		message string
		body    string
	}{
		{"malformed JSON", serve(422, "application/json", `{"errors":[{"detail":"customer_reference is`),
			422, `PATCH /porting_orders/{id}: 422 Unprocessable Entity: {"errors":[{"detail":"customer_reference is`,
			`{"errors":[{"detail":"customer_reference is`},
		{"HTML", serve(404, "text/html", "<html>\n<h1>Not Found</h1>\n</html>"),
			404, "PATCH /porting_orders/{id}: 404 Not Found: <html> <h1>Not Found</h1> </html>", "<html>\n<h1>Not Found</h1>\n</html>"},
		{"shorter than Content-Length", raw("HTTP/1.1 400 Bad Request\r\nContent-Length: 100\r\n\r\n{\"errors\":[{\"detail\":\"bad"),
			400, `PATCH /porting_orders/{id}: 400 Bad Request: {"errors":[{"detail":"bad`, `{"errors":[{"detail":"bad`},
		{"errors not a list", serve(400, "application/json", `{"errors":{"detail":"nope"}}`),
			400, `PATCH /porting_orders/{id}: 400 Bad Request: {"errors":{"detail":"nope"}}`, `{"errors":{"detail":"nope"}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFaultServer(t, tc.handle)
			_, err := faultClient(srv.URL).PortingOrders.Update(context.Background(), "po_1", UpdatePortingOrder{})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.message, err.Error())
			assert.Equal(t, tc.body, string(apiErr.Body), "what arrived is kept")
			assert.Nil(t, apiErr.Errors)
		})
	}
}

// --- Lenient decoding and unknown fields -------------------------------------

// One order whose members have the wrong type or format, next to good ones,
// and members the spec does not list, at three depths.
const lenientOrderJSON = `{"data":{` +
	`"id":12345,` + // a number where a string belongs
	`"created_at":"yesterday",` + // not a date-time
	`"updated_at":"2021-03-19T10:07:15.527Z",` +
	`"customer_reference":"Acct 123abc",` +
	`"porting_phone_numbers_count":"seven",` +
	`"requirements_met":"yes",` +
	`"activation_settings":{"foc_datetime_requested":"2021-13-45T99:00:00Z","fast_port_eligible":true},` +
	`"misc":{"type":42,"remaining_numbers_action":"disconnect","billing_plan":{"tier":"gold","seats":7}},` +
	`"status":{"value":"draft","details":"none"},` +
	`"carrier_hint":"att"` +
	`},"meta":{"phone_numbers_url":"/porting_phone_numbers?filter[porting_order_id]=x"},"request_id":"req_9"}`

func TestFaultLenientDecodingThroughTheClient(t *testing.T) {
	srv := newFaultServer(t, serve(200, "application/json", lenientOrderJSON))
	c := faultClient(srv.URL)
	res, err := c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
	require.NoError(t, err, "a field of the wrong type does not fail the response")
	po := res.Data.Value

	// The good fields decode.
	assert.Equal(t, "Acct 123abc", po.CustomerReference.Value)
	assert.Equal(t, time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC), po.UpdatedAt.Value)
	assert.True(t, po.ActivationSettings.Value.FastPortEligible.Value)
	assert.Equal(t, PortingOrderStatusValue("draft"), po.Status.Value.Value.Value)
	assert.Equal(t, PortingOrderMiscRemainingNumbersAction("disconnect"), po.Misc.Value.RemainingNumbersAction.Value)

	// The bad ones read as absent and report invalid, raw value intact.
	assert.False(t, po.ID.Set)
	assert.False(t, po.CreatedAt.Set)
	assert.False(t, po.PortingPhoneNumbersCount.Set)
	assert.False(t, po.RequirementsMet.Set)
	assert.Equal(t, map[string]json.RawMessage{
		"id":                          json.RawMessage(`12345`),
		"created_at":                  json.RawMessage(`"yesterday"`),
		"porting_phone_numbers_count": json.RawMessage(`"seven"`),
		"requirements_met":            json.RawMessage(`"yes"`),
	}, InvalidFields(&po))
	assert.Equal(t, map[string]json.RawMessage{"foc_datetime_requested": json.RawMessage(`"2021-13-45T99:00:00Z"`)},
		InvalidFields(po.ActivationSettings.Value))
	assert.Equal(t, map[string]json.RawMessage{"type": json.RawMessage(`42`)}, InvalidFields(po.Misc.Value))
	assert.Equal(t, map[string]json.RawMessage{"details": json.RawMessage(`"none"`)}, InvalidFields(po.Status.Value))
	assert.Nil(t, InvalidFields(res), "the envelope itself was fine")

	// Re-encoding writes every raw value back: nothing was lost.
	out, err := json.Marshal(res)
	require.NoError(t, err)
	assert.JSONEq(t, lenientOrderJSON, string(out))

	// And one bad item of a list fails neither the page nor the other items.
	srv = newFaultServer(t, serve(200, "application/json",
		`{"data":[{"id":"a"},{"id":false,"created_at":17},{"id":"c"}],"meta":{"total_pages":1,"page_number":"one"}}`))
	var ids []string
	var bad map[string]json.RawMessage
	for po, err := range faultClient(srv.URL).PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{}) {
		require.NoError(t, err)
		ids = append(ids, po.ID.Value)
		if m := InvalidFields(po); m != nil {
			bad = m
		}
	}
	assert.Equal(t, []string{"a", "", "c"}, ids)
	assert.Equal(t, map[string]json.RawMessage{"id": json.RawMessage(`false`), "created_at": json.RawMessage(`17`)}, bad)
}

func TestFaultUnknownFieldsSurviveThroughTheClient(t *testing.T) {
	srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodGet {
			_, _ = io.WriteString(w, lenientOrderJSON)
			return
		}
		_, _ = io.WriteString(w, `{"data":{"id":"po_1"}}`)
	})
	c := faultClient(srv.URL)
	res, err := c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
	require.NoError(t, err)
	po := res.Data.Value

	assert.Equal(t, map[string]json.RawMessage{"request_id": json.RawMessage(`"req_9"`)}, UnknownFields(res))
	assert.Equal(t, map[string]json.RawMessage{"carrier_hint": json.RawMessage(`"att"`)}, UnknownFields(&po))
	assert.Equal(t, map[string]json.RawMessage{"billing_plan": json.RawMessage(`{"tier":"gold","seats":7}`)}, UnknownFields(po.Misc.Value))

	// A value read from one call and sent in the next keeps what the client
	// did not understand: the unknown member and the invalid one go back.
	_, err = c.PortingOrders.Update(context.Background(), "po_1", UpdatePortingOrder{
		Misc:              po.Misc,
		CustomerReference: Some(po.CustomerReference.Value + "-2"),
	})
	require.NoError(t, err)
	reqs := srv.requests()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, `{"customer_reference":"Acct 123abc-2",
		"misc":{"type":42,"remaining_numbers_action":"disconnect","billing_plan":{"tier":"gold","seats":7}}}`, reqs[1].Body)

	// The items an iterator yields keep theirs too.
	srv = newFaultServer(t, serve(200, "application/json", `{"data":[{"id":"a","x_new":[1,2.50,{"k":null}]}],"meta":{"total_pages":1},"x_top":1}`))
	for po, err := range faultClient(srv.URL).PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{}) {
		require.NoError(t, err)
		assert.Equal(t, map[string]json.RawMessage{"x_new": json.RawMessage(`[1,2.50,{"k":null}]`)}, UnknownFields(po))
		out, err := json.Marshal(po)
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":"a","x_new":[1,2.50,{"k":null}]}`, string(out))
		assert.Contains(t, string(out), "2.50", "numbers are kept as written")
	}
}

// --- Size ----------------------------------------------------------------

func TestFaultHugeErrorBodyIsBounded(t *testing.T) {
	const total = 100 << 20
	var sent atomic.Int64
	srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Retry-After", "0")
		w.Header().Set("Content-Length", strconv.Itoa(total))
		w.WriteHeader(http.StatusInternalServerError)
		stream(w, `{"errors":[{"detail":"`, `"}]}`, total, &sent)
	})
	c := faultClient(srv.URL)
	var err error
	start := time.Now()
	alloc := allocated(func() { _, err = c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{}) })
	elapsed := time.Since(start)

	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 3, srv.count(), "a 500 is retried, each attempt bounded")
	assert.Len(t, apiErr.Body, 1<<20)
	assert.True(t, apiErr.Truncated)
	assert.Less(t, len(err.Error()), 300, "the message holds an excerpt, not the body")
	assert.True(t, strings.HasPrefix(err.Error(), `GET /porting_orders/{id}: 500 Internal Server Error: {"errors":[{"detail":"xxxx`), err.Error())
	t.Logf("3 attempts at a 100 MB error body: %d KiB allocated, %d MiB accepted by the connection, %v", alloc>>10, sent.Load()>>20, elapsed)
	assert.Less(t, alloc, uint64(6<<20), "allocated bytes, for three attempts of 1 MiB each")
	assert.Less(t, sent.Load(), int64(3*total/4), "the client hung up instead of reading on")
}

// Policy: a success body is read once, up to WithMaxResponseSize (256 MiB by
// default; see TestFaultResponseSizeLimit), into a buffer sized from its
// Content-Length, and decoded from there. A success body nobody wants is not
// read beyond 1 MiB.
func TestFaultHugeSuccessBody(t *testing.T) {
	const size = 32 << 20
	head, tail := `{"data":{"id":"po_1"},"blob":"`, `"}`
	newServer := func(t *testing.T, withLength bool, sent *atomic.Int64) *faultServer {
		return newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", "application/json")
			if withLength {
				w.Header().Set("Content-Length", strconv.Itoa(size))
			}
			stream(w, head, tail, size, sent)
		})
	}

	t.Run("discarded", func(t *testing.T) {
		var sent atomic.Int64
		srv := newServer(t, true, &sent)
		c := faultClient(srv.URL)
		var err error
		alloc := allocated(func() { err = c.PortingOrders.Delete(context.Background(), "po_1") })
		require.NoError(t, err)
		t.Logf("discarded %d MiB body: %d KiB allocated, %d MiB accepted", size>>20, alloc>>10, sent.Load()>>20)
		assert.Less(t, alloc, uint64(1<<20), "nothing kept")
		assert.Less(t, sent.Load(), int64(size/2), "the client hung up")
	})

	for _, withLength := range []bool{true, false} {
		t.Run(fmt.Sprintf("read once, Content-Length %v", withLength), func(t *testing.T) {
			var sent atomic.Int64
			srv := newServer(t, withLength, &sent)
			c := faultClient(srv.URL)
			var res *http.Response
			var err error
			alloc := allocated(func() { err = c.PortingOrders.Delete(context.Background(), "po_1", WithResponseInto(&res)) })
			require.NoError(t, err)
			n, err := io.Copy(io.Discard, res.Body)
			require.NoError(t, err)
			assert.Equal(t, int64(size), n)
			ratio := float64(alloc) / size
			t.Logf("%d MiB body read for WithResponseInto: %.2f× its size allocated", size>>20, ratio)
			if withLength {
				// 16 MiB allocated up front, then one buffer of the whole size.
				assert.Less(t, ratio, 1.6, "no copy")
			} else {
				assert.Less(t, ratio, 4.5, "a doubling buffer (2× to 4×), no copy")
			}
		})
	}

	t.Run("decoded", func(t *testing.T) {
		var sent atomic.Int64
		srv := newServer(t, true, &sent)
		c := faultClient(srv.URL)
		var res *GetPortingOrderResponse
		var err error
		alloc := allocated(func() { res, err = c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{}) })
		require.NoError(t, err)
		assert.Equal(t, "po_1", res.Data.Value.ID.Value)
		assert.Len(t, UnknownFields(res)["blob"], size-len(head)-len(tail)+2)
		ratio := float64(alloc) / size
		t.Logf("%d MiB body decoded: %.2f× its size allocated", size>>20, ratio)
		// 1× is the body; the rest is the codec's: decodeObject's json.Decoder
		// buffers the object again (about 4×) and the kept member is a copy.
		// Before the client read into a sized buffer and handed the body to
		// the generated UnmarshalJSON directly, this was 12×.
		assert.Less(t, ratio, 7.0)
	})
}

// --- Timeouts and retries -------------------------------------------------

func TestFaultSlowServerHitsTheAttemptTimeout(t *testing.T) {
	const timeout = 100 * time.Millisecond
	cases := []struct {
		name   string
		handle func(http.ResponseWriter, *http.Request, int)
	}{
		{"no headers", func(_ http.ResponseWriter, r *http.Request, _ int) { hang(r) }},
		{"body stalls", func(w http.ResponseWriter, r *http.Request, _ int) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"data":{"id":"po_1",`)
			w.(http.Flusher).Flush()
			hang(r)
		}},
		{"error body stalls", func(w http.ResponseWriter, r *http.Request, _ int) {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"errors":[{"detail":"over`)
			w.(http.Flusher).Flush()
			hang(r)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFaultServer(t, tc.handle)
			c := faultClient(srv.URL, WithRequestTimeout(timeout))
			start := time.Now()
			_, err := c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
			elapsed := time.Since(start)
			require.Error(t, err)
			assert.Equal(t, 3, srv.count(), "a GET that timed out is retried, twice by default")
			assert.GreaterOrEqual(t, elapsed, 3*timeout)
			assert.Less(t, elapsed, 3*timeout+2*time.Second, "each attempt ends at its timeout")
			var apiErr *APIError
			if tc.name == "error body stalls" {
				// The status is known: the error keeps what arrived of the body.
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, `{"errors":[{"detail":"over`, string(apiErr.Body))
			} else {
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			}

			// A PATCH that timed out may have been applied: sent once.
			srv = newFaultServer(t, tc.handle)
			_, err = faultClient(srv.URL, WithRequestTimeout(timeout)).PortingOrders.Update(context.Background(), "po_1", UpdatePortingOrder{})
			require.Error(t, err)
			if tc.name != "error body stalls" { // a 503 is an answer, retried for every method
				assert.Equal(t, 1, srv.count())
			}
		})
	}
}

func TestFault429StormGivesBoundedRetries(t *testing.T) {
	storms := map[string]map[string]string{
		"bare":                         nil,
		"Retry-After 0":                {"Retry-After": "0"},
		"Retry-After an hour":          {"Retry-After": "3600"},
		"Retry-After-Ms huge":          {"Retry-After-Ms": "1e300"},
		"Retry-After in the past":      {"Retry-After": "Mon, 02 Jan 2006 15:04:05 GMT"},
		"Retry-After garbage":          {"Retry-After": "soon"},
		"X-Should-Retry true":          {"X-Should-Retry": "true"},
		"X-Should-Retry true, 10 s ms": {"X-Should-Retry": "true", "Retry-After-Ms": "10000"},
	}
	for name, header := range storms {
		for _, retries := range []int{-1, 0, 2, 5} {
			t.Run(fmt.Sprintf("%s/%d retries", name, retries), func(t *testing.T) {
				srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
					if n >= 20 { // a client that does not stop gets an answer, and fails the count
						return
					}
					for k, v := range header {
						w.Header().Set(k, v)
					}
					w.WriteHeader(http.StatusTooManyRequests)
					_, _ = io.WriteString(w, `{"errors":[{"title":"Too many requests"}]}`)
				})
				opts := []Option{WithMaxRetryAfter(5 * time.Millisecond)}
				if retries != 2 {
					opts = append(opts, WithMaxRetries(retries)) // 2 is the default
				}
				start := time.Now()
				_, err := faultClient(srv.URL, opts...).PortingOrders.Update(context.Background(), "po_1", UpdatePortingOrder{})
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, http.StatusTooManyRequests, apiErr.StatusCode)
				assert.Equal(t, "PATCH /porting_orders/{id}: 429 Too Many Requests: Too many requests", err.Error())
				assert.Equal(t, max(retries, 0)+1, srv.count(), "requests")
				assert.Less(t, time.Since(start), 2*time.Second)
			})
		}
	}

	t.Run("iterator", func(t *testing.T) {
		srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
			if n < 20 {
				w.WriteHeader(http.StatusTooManyRequests)
			}
		})
		var errs []error
		for _, err := range faultClient(srv.URL).PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{}) {
			errs = append(errs, err)
		}
		require.Len(t, errs, 1, "one error ends the iteration")
		assert.Equal(t, 3, srv.count())
	})
}

func TestFaultCancelDuringBackoffReturnsAtOnce(t *testing.T) {
	for _, how := range []string{"cancel", "deadline"} {
		t.Run(how, func(t *testing.T) {
			var ctx context.Context
			var cancel context.CancelFunc
			var ended atomic.Int64 // unix nanoseconds when the context ended
			srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				w.Header().Set("Retry-After", "30")
				w.WriteHeader(http.StatusServiceUnavailable)
				if how == "cancel" {
					time.AfterFunc(50*time.Millisecond, func() {
						ended.Store(time.Now().UnixNano())
						cancel()
					})
				}
			})
			if how == "cancel" {
				ctx, cancel = context.WithCancel(context.Background())
			} else {
				deadline := time.Now().Add(300 * time.Millisecond)
				ended.Store(deadline.UnixNano())
				ctx, cancel = context.WithDeadline(context.Background(), deadline)
			}
			defer cancel()
			// The backoff would be 5 s: the Retry-After of 30 s, capped.
			c := NewClient(WithBaseURL(srv.URL), WithAPIKey(faultKey), WithMaxRetries(1), WithMaxRetryAfter(5*time.Second))
			start := time.Now()
			err := c.PortingOrders.Delete(ctx, "po_1")
			end := time.Now()
			if how == "cancel" {
				assert.ErrorIs(t, err, context.Canceled)
			} else {
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			}
			assert.Equal(t, 1, srv.count())
			late := end.Sub(time.Unix(0, ended.Load()))
			t.Logf("returned %v after the context ended, %v after the call", late, end.Sub(start))
			assert.Less(t, late, 100*time.Millisecond, "the end of the context ends the backoff at once")
			assert.Equal(t, "DELETE /porting_orders/{id}: "+ctx.Err().Error(), err.Error())
		})
	}
}

// --- Redirects ------------------------------------------------------------

func TestFaultRedirectElsewhereDropsAuthorization(t *testing.T) {
	landing := newFaultServer(t, serve(200, "application/json", `{"data":{"id":"landed"}}`))
	var selfURL string
	origin := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/to-port/"): // 127.0.0.1, another port
			code, _ := strconv.Atoi(strings.Split(r.URL.Path, "/")[2])
			w.Header().Set("Location", landing.URL+"/porting_orders/landed")
			w.WriteHeader(code)
		case r.URL.Path == "/to-name/porting_orders/po_1": // same port, another host name
			u, _ := url.Parse(selfURL)
			w.Header().Set("Location", "http://localhost:"+u.Port()+"/landing")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case r.URL.Path == "/same/porting_orders/po_1": // same origin
			w.Header().Set("Location", "/landing")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case r.URL.Path == "/chain/porting_orders/po_1": // same origin, then elsewhere
			w.Header().Set("Location", "/to-port/307")
			w.WriteHeader(http.StatusFound)
		case r.URL.Path == "/landing":
			_, _ = io.WriteString(w, `{"data":{"id":"landed"}}`)
		}
	})
	selfURL = origin.URL
	ctx := context.Background()
	body := UpdatePortingOrder{CustomerReference: Some("Acct 123abc")}

	// Every redirect status, for a PATCH with a body and for a GET.
	for _, code := range []int{301, 302, 303, 307, 308} {
		before := len(landing.requests())
		c := faultClient(origin.URL + "/to-port/" + strconv.Itoa(code))
		res, err := c.PortingOrders.Update(ctx, "po_1", body)
		require.NoError(t, err, code)
		assert.Equal(t, "landed", res.Data.Value.ID.Value)
		_, err = c.PortingOrders.Get(ctx, "po_1", GetPortingOrderParams{})
		require.NoError(t, err, code)

		got := landing.requests()[before:]
		require.Len(t, got, 2, code)
		for _, r := range got {
			assert.Empty(t, r.Header.Values("Authorization"), "%d %s", code, r.Method)
		}
		if code == 307 || code == 308 { // the method and the body follow
			assert.Equal(t, "PATCH", got[0].Method)
			assert.Equal(t, `{"customer_reference":"Acct 123abc"}`, got[0].Body)
		} else {
			assert.Equal(t, "GET", got[0].Method, code)
		}
	}

	// An Authorization set by hand goes no further than the key's.
	before := len(landing.requests())
	c := NewClient(WithBaseURL(origin.URL+"/to-port/307"), WithHeader("Authorization", "Basic "+faultKey))
	_, err := c.PortingOrders.Update(ctx, "po_1", body)
	require.NoError(t, err)
	assert.Empty(t, landing.requests()[before].Header.Values("Authorization"))

	// Another host name on the same port, and a hop within the origin first.
	for _, base := range []string{origin.URL + "/to-name", origin.URL + "/chain"} {
		before := len(origin.requests())
		_, err := faultClient(base).PortingOrders.Update(ctx, "po_1", body)
		require.NoError(t, err, base)
		reqs := origin.requests()[before:]
		assert.Equal(t, "Bearer "+faultKey, reqs[0].Header.Get("Authorization"))
		if base == origin.URL+"/to-name" {
			require.Len(t, reqs, 2)
			assert.Equal(t, "/landing", reqs[1].URI)
			assert.Empty(t, reqs[1].Header.Values("Authorization"), "localhost is another host than 127.0.0.1")
		}
	}
	assert.Empty(t, landing.requests()[len(landing.requests())-1].Header.Values("Authorization"), "after the chain")

	// Control: the same origin keeps it, so the redirects above did follow.
	before = len(origin.requests())
	_, err = faultClient(origin.URL+"/same").PortingOrders.Update(ctx, "po_1", body)
	require.NoError(t, err)
	reqs := origin.requests()[before:]
	require.Len(t, reqs, 2)
	assert.Equal(t, "Bearer "+faultKey, reqs[1].Header.Get("Authorization"))
	assert.Equal(t, `{"customer_reference":"Acct 123abc"}`, reqs[1].Body)
}

// --- Header injection -----------------------------------------------------

func TestFaultHeaderInjectionIsRefusedBeforeSending(t *testing.T) {
	srv := newFaultServer(t, serve(200, "application/json", `{"data":{}}`))
	ctx := context.Background()
	try := func(t *testing.T, c *Client, opts ...Option) error {
		t.Helper()
		_, err := c.PortingOrders.Get(ctx, "po_1", GetPortingOrderParams{}, opts...)
		require.Error(t, err)
		return err
	}
	for _, v := range []string{"v\r\nX-Injected: 1", "v\nX-Injected: 1", "v\rX-Injected: 1", "v\r\n\r\nGET /admin HTTP/1.1", "v\x00", "v\x7f", "\n"} {
		// On the client, and on one call.
		err := try(t, faultClient(srv.URL, WithHeader("X-Trace", v)))
		assert.Contains(t, err.Error(), "WithHeader: header X-Trace: the value contains a control character")
		err = try(t, faultClient(srv.URL), WithHeader("X-Trace", v))
		assert.Contains(t, err.Error(), "control character")
		assert.NotContains(t, err.Error(), "X-Injected", "the value is not quoted")
	}
	for _, name := range []string{"X-Trace\r\nX-Injected", "X Trace", "X-Trace:", ""} {
		err := try(t, faultClient(srv.URL), WithHeader(name, "v"))
		assert.Contains(t, err.Error(), "invalid header name")
	}
	// The key is user input too; the message does not quote it.
	err := try(t, NewClient(WithBaseURL(srv.URL), WithAPIKey(faultKey+"\r\nX-Injected: 1")))
	assert.Equal(t, "GET /porting_orders/{id}: invalid API key: it contains a control character", err.Error())

	assert.Zero(t, srv.count(), "no request")
	assert.Zero(t, srv.conns.Load(), "not even a connection")

	// Control: the same header without the control character is sent.
	_, err = faultClient(srv.URL, WithHeader("X-Trace", "v X-Injected: 1")).PortingOrders.Get(ctx, "po_1", GetPortingOrderParams{})
	require.NoError(t, err)
	require.Equal(t, 1, srv.count())
	assert.Equal(t, "v X-Injected: 1", srv.requests()[0].Header.Get("X-Trace"))
	assert.Empty(t, srv.requests()[0].Header.Values("X-Injected"))
}

// --- Path escaping --------------------------------------------------------

func TestFaultPathParametersKeepThePathIntact(t *testing.T) {
	srv := newFaultServer(t, serve(200, "application/json", `{"data":{}}`))
	ctx := context.Background()
	cases := []struct{ id, want string }{
		{"../../admin", "/porting_orders/..%2F..%2Fadmin"},
		{"..", "/porting_orders/%2E%2E"},
		{".", "/porting_orders/%2E"},
		{"...", "/porting_orders/%2E%2E%2E"},
		{"a/../b", "/porting_orders/a%2F..%2Fb"},
		{"%2F", "/porting_orders/%252F"},
		{"a%2F..%2Fb", "/porting_orders/a%252F..%252Fb"},
		{"%2e%2e", "/porting_orders/%252e%252e"},
		{"?", "/porting_orders/%3F"},
		{"a?include_phone_numbers=true", "/porting_orders/a%3Finclude_phone_numbers=true"},
		{"#", "/porting_orders/%23"},
		{"a#b", "/porting_orders/a%23b"},
		{"a b\r\nHost: evil", "/porting_orders/a%20b%0D%0AHost:%20evil"},
		{`\..\`, "/porting_orders/%5C..%5C"},
		{"é", "/porting_orders/%C3%A9"},
	}
	for _, tc := range cases {
		before := srv.count()
		_, err := faultClient(srv.URL).PortingOrders.Get(ctx, tc.id, GetPortingOrderParams{})
		require.NoError(t, err, tc.id)
		r := srv.requests()[before]
		assert.Equal(t, tc.want, r.URI, "request line for %q", tc.id)
		assert.Equal(t, "/porting_orders/"+tc.id, r.Path, "the server reads back the value for %q", tc.id)
	}

	// With a query, a base path and two parameters: the query stays the
	// query, and a value that looks like a placeholder is not filled in.
	before := srv.count()
	_, err := faultClient(srv.URL+"/v2/").PortingOrders.Get(ctx, "a?b#c/../d", GetPortingOrderParams{IncludePhoneNumbers: Some(true)})
	require.NoError(t, err)
	_, err = faultClient(srv.URL).PortingOrders.ActivationJobs.Get(ctx, "{activation_job_id}", "../job?x#y")
	require.NoError(t, err)
	reqs := srv.requests()[before:]
	assert.Equal(t, "/v2/porting_orders/a%3Fb%23c%2F..%2Fd?include_phone_numbers=true", reqs[0].URI)
	assert.Equal(t, "/porting_orders/%7Bactivation_job_id%7D/activation_jobs/..%2Fjob%3Fx%23y", reqs[1].URI)
}

// --- Secrets --------------------------------------------------------------

func TestFaultAPIKeyNeverInErrors(t *testing.T) {
	echo := `{"errors":[{"code":"10009","title":"Authentication failed","detail":"The key ` + faultKey + ` is not valid"}]}`
	srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/porting_orders/401":
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", token="`+faultKey+`"`)
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, echo)
		case "/porting_orders/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "<p>Hello "+faultKey+"</p>")
		case "/porting_orders/cut":
			raw("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n{\"key\":\""+faultKey)(w, r, 0)
		case "/porting_orders/bad-header":
			raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nBearer "+faultKey+"\r\n\r\n{}")(w, r, 0)
		case "/porting_orders/bad-status":
			raw("HTTP/1.1 2xx "+faultKey+"\r\n\r\n")(w, r, 0)
		case "/porting_orders/loop":
			http.Redirect(w, r, r.URL.Path+"?key="+faultKey, http.StatusFound)
		case "/porting_orders/slow":
			hang(r)
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	c := faultClient(srv.URL, WithMaxRetries(0))
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	get := func(id string, opts ...Option) error {
		_, err := c.PortingOrders.Get(ctx, id, GetPortingOrderParams{}, opts...)
		return err
	}
	errs := map[string]error{
		"401 echoing the key":          get("401"),
		"HTML echoing the key":         get("html"),
		"cut-off body echoing the key": get("cut"),
		"malformed header line":        get("bad-header"),
		"malformed status line":        get("bad-status"),
		"redirect loop":                get("loop"),
		"attempt timeout":              get("slow", WithRequestTimeout(20*time.Millisecond)),
		"connection refused":           get("x", WithBaseURL(closed.URL)),
		"invalid header":               get("x", WithHeader("X-Key", faultKey+"\n")),
		"key with a line break":        get("x", WithAPIKey(faultKey+"\n")),
		"invalid base URL":             get("x", WithBaseURL("http://user:"+faultKey+"@[::1")),
		"cancelled":                    c.PortingOrders.Delete(cancelled, "x"),
	}
	for name, err := range errs {
		require.Error(t, err, name)
		for _, s := range []string{err.Error(), fmt.Sprintf("%v|%+v|%#v|%s|%q", err, err, err, err, err)} {
			assert.NotContains(t, s, faultKey, name)
		}
		// Nor anywhere in what an error exposes as fields.
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			assert.NotContains(t, fmt.Sprintf("%+v %s %v", *apiErr, apiErr.Body, apiErr.Header), faultKey, name)
		}
		var re *ResponseError
		if errors.As(err, &re) {
			assert.NotContains(t, fmt.Sprintf("%+v %s %v", *re, re.Body, re.Header), faultKey, name)
		}
	}

	var apiErr *APIError
	require.ErrorAs(t, errs["401 echoing the key"], &apiErr)
	assert.Equal(t, "GET /porting_orders/{id}: 401 Unauthorized: The key [REDACTED] is not valid", apiErr.Error())
	assert.Equal(t, "10009", apiErr.Errors[0].Code, "the rest of the body is kept")
	assert.Equal(t, `Bearer error="invalid_token", token="[REDACTED]"`, apiErr.Header.Get("WWW-Authenticate"))
	assert.Contains(t, errs["malformed header line"].Error(), "[REDACTED]", "the transport quoted the line")
	assert.Contains(t, errs["HTML echoing the key"].Error(), "<p>Hello [REDACTED]</p>")
}

func TestFaultAPIKeyNeverInDumpsOrPanics(t *testing.T) {
	// There is no dump facility; what can be printed is the client, its
	// services, its options and its configuration.
	c := NewClient(WithAPIKey(faultKey), WithBaseURL("http://127.0.0.1:1"))
	opt := WithAPIKey(faultKey)
	for _, s := range []string{
		fmt.Sprintf("%v %+v %#v", c, c, c),
		fmt.Sprintf("%v %+v %#v", *c, *c, *c),
		fmt.Sprintf("%v %+v %#v", c.PortingOrders, *c.PortingOrders, c.core),
		fmt.Sprintf("%v %+v %#v", *c.core, c.core.cfg, c.core.cfg),
		fmt.Sprintf("%v %+v %#v", opt, opt, opt),
	} {
		assert.NotContains(t, s, faultKey)
	}

	// What a broken HTTPDoer or middleware hands back does not crash the client.
	var res *http.Response
	mw := WithMiddleware(func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
		return res, nil
	})
	for _, r := range []*http.Response{
		{StatusCode: 200}, // no body, no header
		{StatusCode: 500, Header: http.Header{"A": {"b"}}},          // no body
		{StatusCode: 0, Body: io.NopCloser(strings.NewReader("?"))}, // no status
		nil, // nothing at all
	} {
		res = r
		assert.NotPanics(t, func() {
			_, err := c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{}, mw, WithMaxRetries(0))
			if r != nil && r.StatusCode == 200 {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}

	// A nil *http.Client in an interface is not nil: it means the default.
	assert.NotPanics(t, func() {
		err := c.PortingOrders.Delete(context.Background(), "po_1", WithHTTPClient((*http.Client)(nil)), WithMaxRetries(0))
		assert.ErrorContains(t, err, "connection refused")
	})

	// Misuse that does panic does not carry the key in the panic.
	func() {
		defer func() {
			p := recover()
			require.NotNil(t, p, "a nil context panics, as in net/http")
			assert.NotContains(t, fmt.Sprintf("%v %+v %#v", p, p, p), faultKey)
		}()
		var ctx context.Context
		_ = c.PortingOrders.Delete(ctx, "po_1")
	}()
}

// A list item that is not an object makes the whole "data" member invalid.
// The codec keeps nothing half-decoded (an Opt or Nullable is decoded into a
// fresh value and stored only on success), and the page fetch of ListAll
// reports an invalid items member as an error rather than an empty page, which
// would end the iteration as if the list were done.
func TestFaultBadListItemIsNotSilentlyLost(t *testing.T) {
	srv := newFaultServer(t, serve(200, "application/json", `{"data":[{"id":"a"},5,{"id":"c"}],"meta":{"total_pages":1}}`))
	res, err := faultClient(srv.URL).PortingOrders.List(context.Background(), ListPortingOrdersParams{})
	require.NoError(t, err, "lenient: the page itself decodes")
	assert.Equal(t, json.RawMessage(`[{"id":"a"},5,{"id":"c"}]`), InvalidFields(res)["data"])
	assert.Empty(t, res.Data.Value, "no partial list")

	var ids []string
	var errs []error
	for po, err := range faultClient(srv.URL).PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, po.ID.Value)
	}
	assert.Empty(t, ids, "no phantom item")
	require.Len(t, errs, 1, "the iterator says the page was bad")
	assert.Contains(t, errs[0].Error(), "data")
}

// Every fault above also has to leave the connection pool usable: after the
// storm, a good response on the same client goes through.
func TestFaultClientRecoversAfterFaults(t *testing.T) {
	var mode atomic.Int32
	srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch mode.Load() {
		case 0:
			raw("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{")(w, r, n)
		case 1:
			serve(200, "text/html", "<html>")(w, r, n)
		default:
			serve(200, "application/json", `{"data":{"id":"ok"}}`)(w, r, n)
		}
	})
	c := faultClient(srv.URL)
	for m := range int32(3) {
		mode.Store(m)
		res, err := c.PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
		if m < 2 {
			require.Error(t, err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, "ok", res.Data.Value.ID.Value)
	}
}

// --- Pagination that never ends (issue 13, item 9) -------------------------

// listAll drains ListAll, with a guard context so that an iterator that does
// not stop fails the count instead of hanging the suite.
func listAll(t *testing.T, c *Client, opts ...Option) (ids []string, errs []error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for po, err := range c.PortingOrders.ListAll(ctx, ListPortingOrdersParams{}, opts...) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, po.ID.Value)
	}
	return ids, errs
}

// A server that ignores the page number answers every page with the same
// items; whatever total_pages says (absent, zero, negative, not a number,
// huge), the iteration stops at the second page and says why.
func TestFaultPaginationRepeatedPageStops(t *testing.T) {
	metas := map[string]string{
		"total_pages absent":       `{}`,
		"total_pages 0":            `{"total_pages":0}`,
		"total_pages negative":     `{"total_pages":-1}`,
		"total_pages not a number": `{"total_pages":"many"}`,
		"total_pages huge":         `{"total_pages":9000000000000000000}`,
		"total_pages too big":      `{"total_pages":1e400}`,
	}
	for name, meta := range metas {
		t.Run(name, func(t *testing.T) {
			srv := newFaultServer(t, serve(200, "application/json", `{"data":[{"id":"a"},{"id":"b"}],"meta":`+meta+`}`))
			ids, errs := listAll(t, faultClient(srv.URL))
			assert.Equal(t, []string{"a", "b"}, ids, "the repeated items are not yielded again")
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrRepeatedPage)
			assert.Equal(t, "page 2: the same items as page 1: the server seems to ignore the page number", errs[0].Error())
			assert.Equal(t, 2, srv.count(), "requests")
		})
	}
}

// A server that makes up a new page for every page number, with no usable
// total, is stopped by the page cap.
func TestFaultPaginationEndlessPagesStopAtTheCap(t *testing.T) {
	for _, meta := range []string{`{}`, `{"total_pages":0}`, `{"total_pages":-5}`, `{"total_pages":"x"}`, `{"total_pages":9000000000000000000}`} {
		t.Run(meta, func(t *testing.T) {
			srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				page := r.URL.Query().Get("page[number]")
				serve(200, "application/json", `{"data":[{"id":"p`+page+`"}],"meta":`+meta+`}`)(w, r, 0)
			})
			ids, errs := listAll(t, faultClient(srv.URL, WithMaxPages(4)))
			assert.Equal(t, []string{"p1", "p2", "p3", "p4"}, ids)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrPageLimit)
			assert.Equal(t, "page limit reached: 4 pages fetched, the limit set by WithMaxPages; page 5 not fetched", errs[0].Error())
			assert.Equal(t, 4, srv.count(), "requests")
		})
	}

	t.Run("default cap", func(t *testing.T) {
		srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			page := r.URL.Query().Get("page[number]")
			serve(200, "application/json", `{"data":[{"id":"p`+page+`"}],"meta":{}}`)(w, r, 0)
		})
		_, errs := listAll(t, faultClient(srv.URL))
		require.Len(t, errs, 1)
		if errors.Is(errs[0], ErrPageLimit) {
			assert.Equal(t, defaultMaxPages, srv.count(), "requests")
		} else { // a very slow machine: the guard context ended first
			assert.ErrorIs(t, errs[0], context.DeadlineExceeded)
			assert.Less(t, srv.count(), defaultMaxPages)
		}
	})
}

// An empty page ends the iteration without an error; so does the last page
// of a total the server states, and a cap the total fits in is not an error.
func TestFaultPaginationEndsCleanly(t *testing.T) {
	for _, tc := range []struct {
		name     string
		maxPages int
		page     func(page int) string
		requests int
	}{
		{"empty page, no total", 0, func(p int) string {
			if p == 3 {
				return `{"data":[],"meta":{}}`
			}
			return fmt.Sprintf(`{"data":[{"id":"p%d"}],"meta":{}}`, p)
		}, 3},
		{"data absent, total 0", 0, func(p int) string {
			if p == 3 {
				return `{"meta":{"total_pages":0}}`
			}
			return fmt.Sprintf(`{"data":[{"id":"p%d"}],"meta":{"total_pages":0}}`, p)
		}, 3},
		{"total reached at the cap", 2, func(p int) string {
			return fmt.Sprintf(`{"data":[{"id":"p%d"}],"meta":{"total_pages":2}}`, p)
		}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFaultServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				p, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
				serve(200, "application/json", tc.page(p))(w, r, 0)
			})
			var opts []Option
			if tc.maxPages > 0 {
				opts = append(opts, WithMaxPages(tc.maxPages))
			}
			ids, errs := listAll(t, faultClient(srv.URL), opts...)
			assert.Empty(t, errs)
			assert.Equal(t, []string{"p1", "p2"}, ids)
			assert.Equal(t, tc.requests, srv.count())
		})
	}
}

// --- Retries without a floor (issue 13, item 10) ---------------------------

// A server that asks for an immediate retry gets the client's backoff anyway:
// Retry-After is a minimum, so waiting longer obeys it. With a 20 ms floor
// doubling per attempt (at least 15, 30, 60, 120 ms after jitter), a 300 ms
// context leaves room for at most 5 attempts however fast the machine; a
// slow one makes fewer. Without the floor this was thousands.
func TestFaultRetryWithoutDelayKeepsTheBackoff(t *testing.T) {
	storms := map[string]func(w http.ResponseWriter){
		"Retry-After 0": func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		},
		"Retry-After-Ms 0": func(w http.ResponseWriter) {
			w.Header().Set("Retry-After-Ms", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
		},
		"Retry-After negative": func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "-10")
			w.WriteHeader(http.StatusTooManyRequests)
		},
		"Retry-After in the past": func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "Mon, 02 Jan 2006 15:04:05 GMT")
			w.WriteHeader(503)
		},
		"X-Should-Retry true": func(w http.ResponseWriter) {
			w.Header().Set("X-Should-Retry", "true")
			w.Header().Set("Retry-After-Ms", "0")
			w.WriteHeader(http.StatusBadRequest)
		},
	}
	floor := Option(func(c *config) { c.backoffBase, c.backoffMax = 20*time.Millisecond, time.Second })
	for name, answer := range storms {
		t.Run(name, func(t *testing.T) {
			srv := newFaultServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { answer(w) })
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			err := faultClient(srv.URL, floor, WithMaxRetries(1_000_000)).PortingOrders.Delete(ctx, "po_1")
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.LessOrEqual(t, srv.count(), 5, "requests")
			assert.GreaterOrEqual(t, srv.count(), 1)
		})
	}
}

// WithMaxRetryTime caps the time a call spends retrying, however many
// retries it is allowed: the last answer is returned once the next wait
// would end past the cap. The backoff here is 1 to 4 ms (at least 0.75 ms),
// so a 60 ms cap allows at most 81 attempts; without the cap the call runs
// on until the guard context ends it.
func TestFaultRetryTimeIsCapped(t *testing.T) {
	srv := newFaultServer(t, serve(http.StatusServiceUnavailable, "", ""))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := faultClient(srv.URL, WithMaxRetries(1_000_000), WithMaxRetryTime(60*time.Millisecond)).PortingOrders.Delete(ctx, "po_1")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr, "the last answer, not the guard context")
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	assert.LessOrEqual(t, srv.count(), 81, "requests")
	assert.GreaterOrEqual(t, srv.count(), 2, "it did retry")
}

// --- Error messages from hostile servers (issue 13, item 11) ---------------

// APIError.Error() is one printable line of bounded length whatever the
// server's detail holds; the detail itself is kept unchanged in the struct.
func TestFaultAPIErrorMessageIsOnePrintableLine(t *testing.T) {
	huge := strings.Repeat("A", 1<<20-64) // the body stays within the 1 MiB kept
	for name, detail := range map[string]string{
		"CR LF":         "bad\r\nX-Injected: yes\r\n\r\nfake",
		"ANSI":          "\x1b[2J\x1b[1;31mred\x1b[0m\x1b]0;title\x07 done",
		"bidi override": "invoice_\u202Efdp.exe\u2066x\u2069\u200F",
		"controls":      "a\x00b\x07c\x7fd\u0085e\u2028f\u00adg\ufeffh",
		"1 MiB":         huge,
		"invalid UTF-8": "a\xffb\xc3",
	} {
		t.Run(name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"detail": detail}}})
			srv := newFaultServer(t, serve(http.StatusUnprocessableEntity, "application/json", string(body)))
			_, err := faultClient(srv.URL).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			msg := err.Error()
			assertPrintableLine(t, msg)
			assert.LessOrEqual(t, len(msg), 300)
			assert.True(t, strings.HasPrefix(msg, "GET /porting_orders/{id}: 422 Unprocessable Entity: "), msg)
			require.Len(t, apiErr.Errors, 1)
			assert.Equal(t, strings.ToValidUTF8(detail, "\uFFFD"), apiErr.Errors[0].Detail, "the struct keeps the detail as decoded")
		})
	}

	t.Run("status line", func(t *testing.T) {
		srv := newFaultServer(t, raw("HTTP/1.1 500 Oops\x1b[2J\u202Eevil"+strings.Repeat("z", 4000)+"\r\nContent-Length: 0\r\n\r\n"))
		_, err := faultClient(srv.URL, WithMaxRetries(0)).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assertPrintableLine(t, err.Error())
		assert.LessOrEqual(t, len(err.Error()), 300)
		assert.True(t, strings.HasPrefix(err.Error(), "GET /porting_orders/{id}: 500 Oops evil"), err.Error())
		assert.True(t, strings.HasPrefix(apiErr.Status, "500 Oops\x1b[2J\u202Eevil"), "the struct keeps the status line")
	})
}

// assertPrintableLine fails when s holds a line break, a control or format
// character (ANSI escapes start with ESC; U+202E and the other bidi controls
// are format characters), or invalid UTF-8.
func assertPrintableLine(t *testing.T, s string) {
	t.Helper()
	assert.True(t, utf8.ValidString(s), "valid UTF-8: %q", s)
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			assert.Fail(t, "not printable", "%U in %q", r, s)
			return
		}
	}
}

// --- Bounded memory for every response (issue 13, item 8) -----------------

// gzipBomb is a gzip stream of n zero bytes: about n/1000 bytes on the wire.
func gzipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range n >> 20 {
		_, err = zw.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// Every body the client reads into memory stops at WithMaxResponseSize,
// counted after decompression, with an error that names the limit: an endless
// body, one over the limit with or without a Content-Length, and a gzip bomb
// undone by the transport or by the client. The limit here is 1 MiB, so that
// each case allocates a few MiB; without it each read on to the end (the
// endless body until the guard context).
func TestFaultResponseSizeLimit(t *testing.T) {
	const limit = 1 << 20
	bomb := gzipBomb(t, 64<<20) // 64 MiB inflated, about 64 KiB sent
	t.Logf("gzip bomb: %d KiB compressed, 64 MiB inflated", len(bomb)>>10)
	endless := func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"id":"`)
		chunk := []byte(strings.Repeat("x", 64<<10))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	sized := func(size int, withLength bool) func(w http.ResponseWriter, r *http.Request, _ int) {
		return func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", "application/json")
			if withLength {
				w.Header().Set("Content-Length", strconv.Itoa(size))
			}
			var sent atomic.Int64
			stream(w, `{"data":{"id":"`, `"}}`, size, &sent)
		}
	}
	gzipped := func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
		_, _ = w.Write(bomb)
	}
	for _, tc := range []struct {
		name   string
		handle func(http.ResponseWriter, *http.Request, int)
		opts   []Option
		want   string
	}{
		{"endless body", endless, nil, "the body is larger than 1 MiB, the limit set by WithMaxResponseSize"},
		{"over the limit, no Content-Length", sized(limit+1, false), nil, "the body is larger than 1 MiB, the limit set by WithMaxResponseSize"},
		{"Content-Length over the limit", sized(64<<20, true), nil, "the body is larger than 1 MiB, the limit set by WithMaxResponseSize (Content-Length 67108864)"},
		{"gzip bomb, undone by the transport", gzipped, nil, "the body is larger than 1 MiB, the limit set by WithMaxResponseSize (after decompression)"},
		{"gzip bomb, undone by the client", gzipped, []Option{WithHeader("Accept-Encoding", "gzip")}, "the body is larger than 1 MiB, the limit set by WithMaxResponseSize (after decompression)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFaultServer(t, tc.handle)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c := faultClient(srv.URL, append([]Option{WithMaxResponseSize(limit)}, tc.opts...)...)
			var err error
			var res *http.Response
			alloc := allocated(func() {
				_, err = c.PortingOrders.Get(ctx, "po_1", GetPortingOrderParams{}, WithResponseInto(&res))
			})
			t.Logf("%s: %d KiB allocated", tc.name, alloc>>10)
			var respErr *ResponseError
			require.ErrorAs(t, err, &respErr)
			var tooLarge *ResponseTooLargeError
			require.ErrorAs(t, err, &tooLarge)
			assert.Equal(t, int64(limit), tooLarge.Limit)
			assert.Equal(t, 1, srv.count(), "not retried: the same body would come again")
			assert.True(t, strings.HasPrefix(err.Error(), "GET /porting_orders/{id}: 200 OK: read response body: "+tc.want), err.Error())
			assert.Less(t, len(err.Error()), 400)
			assert.LessOrEqual(t, len(respErr.Body), 1<<20, "the error keeps a bounded excerpt")
			require.NotNil(t, res)
			kept, _ := io.ReadAll(res.Body)
			assert.LessOrEqual(t, len(kept), 1<<20, "WithResponseInto gets the bounded part too")
			assert.Less(t, alloc, uint64(12<<20), "allocated bytes, for a 1 MiB limit")
		})
	}

	t.Run("at the limit", func(t *testing.T) {
		for _, withLength := range []bool{true, false} {
			srv := newFaultServer(t, sized(limit, withLength))
			res, err := faultClient(srv.URL, WithMaxResponseSize(limit)).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{})
			require.NoError(t, err, "a body of exactly the limit is read")
			assert.Len(t, res.Data.Value.ID.Value, limit-len(`{"data":{"id":""}}`))
		}
	})

	t.Run("gzip undone by the client decodes", func(t *testing.T) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = io.WriteString(zw, `{"data":{"id":"po_gz"}}`)
		require.NoError(t, zw.Close())
		srv := newFaultServer(t, serve(200, "application/json", buf.String()))
		srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(buf.Bytes())
		})
		var raw *http.Response
		res, err := faultClient(srv.URL, WithHeader("Accept-Encoding", "gzip")).PortingOrders.Get(context.Background(), "po_1", GetPortingOrderParams{}, WithResponseInto(&raw))
		require.NoError(t, err)
		assert.Equal(t, "po_gz", res.Data.Value.ID.Value)
		assert.Empty(t, raw.Header.Get("Content-Encoding"), "as the transport does: the header goes with the encoding")
		assert.True(t, raw.Uncompressed)
	})

	t.Run("a stream is the caller's to bound", func(t *testing.T) {
		srv := newFaultServer(t, sized(4*limit, true))
		rc, err := faultClient(srv.URL, WithMaxResponseSize(limit)).PortingOrders.GetLoaTemplate(context.Background(), "po_1", GetPortingOrderLoaTemplateParams{})
		require.NoError(t, err)
		defer rc.Close()
		n, err := io.Copy(io.Discard, rc)
		require.NoError(t, err)
		assert.Equal(t, int64(4*limit), n, "WithMaxResponseSize does not cut a streamed body")
	})
}
