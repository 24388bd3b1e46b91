package templates

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func apiErrorFrom(t *testing.T, r *request, handle func(http.ResponseWriter, *http.Request, int)) *APIError {
	t.Helper()
	srv, _ := newServer(t, handle)
	err := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey), WithMaxRetries(0)).do(context.Background(), r, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	return apiErr
}

func TestAPIErrorDecodesErrorObjects(t *testing.T) {
	const body = `{"errors":[{"code":"10015","title":"Invalid value","detail":"customer_reference is too long","source":{"pointer":"/customer_reference"},"meta":{"url":"https://developers.telnyx.com/docs/overview/errors/10015","limit":64}},{"code":10016,"title":"Second"}]}`
	r := newRequest(http.MethodPatch, "/porting_orders/{id}")
	r.pathParam("id", "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
	e := apiErrorFrom(t, r, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = io.WriteString(w, body)
	})
	assert.Equal(t, "PATCH /porting_orders/{id}: 422 Unprocessable Entity: customer_reference is too long", e.Error())
	assert.Equal(t, http.MethodPatch, e.Method)
	assert.Equal(t, "/porting_orders/{id}", e.Path)
	assert.Equal(t, 422, e.StatusCode)
	assert.Equal(t, "422 Unprocessable Entity", e.Status)
	assert.Equal(t, "application/json", e.Header.Get("Content-Type"))
	assert.Equal(t, body, string(e.Body))
	assert.False(t, e.Truncated)
	assert.Equal(t, []ErrorObject{
		{
			Code: "10015", Title: "Invalid value", Detail: "customer_reference is too long",
			Source: &ErrorSource{Pointer: "/customer_reference"},
			Meta:   map[string]any{"url": "https://developers.telnyx.com/docs/overview/errors/10015", "limit": json.Number("64")},
		},
		{Code: "10016", Title: "Second"},
	}, e.Errors)
}

func TestAPIErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		code        int
		contentType string
		body        string
		want        string
	}{
		{401, "application/json", `{"errors":[{"code":"10009","title":"Authentication failed"}]}`, "GET /x: 401 Unauthorized: Authentication failed"},
		{404, "", ``, "GET /x: 404 Not Found"},
		{400, "application/json", `{"message":"bad"}`, `GET /x: 400 Bad Request: {"message":"bad"}`},
		{400, "application/json", `{"errors":[{}]}`, `GET /x: 400 Bad Request: {"errors":[{}]}`},
		{502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\n\t<body>nginx</body>\n</html>\n",
			"GET /x: 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title></head> <body>nginx</body> </html>"},
	} {
		e := apiErrorFrom(t, newRequest(http.MethodGet, "/x"), func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Content-Type", tc.contentType)
			w.WriteHeader(tc.code)
			_, _ = io.WriteString(w, tc.body)
		})
		assert.Equal(t, tc.want, e.Error())
		assert.Equal(t, tc.body, string(e.Body), "the body is kept as it came")
		if !strings.Contains(tc.body, `"errors"`) {
			assert.Nil(t, e.Errors)
		}
	}
}

func TestAPIErrorFromCustomDoerWithoutStatus(t *testing.T) {
	doer := doerFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 418, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	r := newRequest(http.MethodDelete, "/pots/{id}")
	r.pathParam("id", 7)
	err := newTestCore(t, WithHTTPClient(doer)).do(context.Background(), r, nil, nil)
	var e *APIError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "DELETE /pots/{id}: 418 I'm a teapot", e.Error())
	assert.True(t, errors.As(error(e), &e))
}

func TestErrorBodyIsBounded(t *testing.T) {
	const total = 100 << 20
	chunk := []byte(strings.Repeat("x", 64<<10))
	sent, done := 0, make(chan struct{})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := apiErrorFrom(t, newRequest(http.MethodGet, "/big"), func(w http.ResponseWriter, _ *http.Request, _ int) {
		defer close(done)
		w.WriteHeader(http.StatusInternalServerError)
		for sent < total {
			n, err := w.Write(chunk)
			sent += n
			if err != nil {
				return // the client hung up after its bound
			}
		}
	})
	runtime.ReadMemStats(&after)
	<-done // the handler ends once the client has hung up
	assert.Len(t, e.Body, maxErrorBody)
	assert.True(t, e.Truncated)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(24<<20), "allocated bytes")
	assert.Less(t, sent, total/2, "the client stopped reading")
	assert.Contains(t, e.Error(), "GET /big: 500 Internal Server Error: xxxx")
	assert.Less(t, len(e.Error()), 300)
}

func TestExcerpt(t *testing.T) {
	assert.Equal(t, "", excerpt(nil))
	assert.Equal(t, "a b c", excerpt([]byte(" a\r\n\tb\x1b[31m c\x00")), "the escape sequence goes whole")
	long := excerpt([]byte(strings.Repeat("é", 500)))
	assert.True(t, strings.HasSuffix(long, "…"))
	assert.LessOrEqual(t, len(long), 200+len("…"))
	assert.True(t, strings.HasPrefix(long, "éé"))
	assert.Equal(t, "a\uFFFDb", excerpt([]byte("a\xffb")))
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a\r\nb", "a b"},
		{"\x1b[2J\x1b[1;31mred\x1b[0m text", "red text"},
		{"osc \x1b]0;window title\x07after", "osc after"},
		{"osc \x1b]8;;http://x\x1b\\link", "osc link"},
		{"two-byte \x1bcreset", "two-byte reset"},
		{"c1 \u009b31mcsi", "c1 csi"},
		{"cut \x1b[31", "cut"},
		{"evil_\u202Efdp.exe", "evil_fdp.exe"},
		{"\u2066iso\u2069 \u200Fmark\u061C", "iso mark"},
		{"nul\x00del\x7fnel\u0085ls\u2028end", "nul del nel ls end"},
		{"zero\u200Bwidth\uFEFF", "zerowidth"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"  \t ", ""},
	} {
		assert.Equal(t, tc.want, printable(tc.in, 200), "%q", tc.in)
	}
	long := printable(strings.Repeat("\x1b[31m", 1000)+strings.Repeat("z", 1000), 50)
	assert.LessOrEqual(t, len(long), 50+len("…"), "bounded whatever the input")
}
