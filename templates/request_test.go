package templates

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testEnum string

// testStringer has a String method and no JSON form.
type testStringer struct{ a, b int }

func (s testStringer) String() string {
	return "v" + string(rune('0'+s.a)) + "." + string(rune('0'+s.b))
}

func TestPathParamEscaping(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL+"/v2"))
	for _, tc := range []struct {
		value any
		want  string
	}{
		{"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "/v2/porting_orders/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e/actions"},
		{"abc/def?x=1", "/v2/porting_orders/abc%2Fdef%3Fx=1/actions"},
		{"..", "/v2/porting_orders/%2E%2E/actions"},
		{".", "/v2/porting_orders/%2E/actions"},
		{"../../admin", "/v2/porting_orders/..%2F..%2Fadmin/actions"},
		{"a.b", "/v2/porting_orders/a.b/actions"},
		{"100%", "/v2/porting_orders/100%25/actions"},
		{"a#b c", "/v2/porting_orders/a%23b%20c/actions"},
		{"x,y;z", "/v2/porting_orders/x%2Cy%3Bz/actions"},
		{"ünï", "/v2/porting_orders/%C3%BCn%C3%AF/actions"},
		{int64(42), "/v2/porting_orders/42/actions"},
		{7, "/v2/porting_orders/7/actions"},
		{true, "/v2/porting_orders/true/actions"},
		{testEnum("full"), "/v2/porting_orders/full/actions"},
		{time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC), "/v2/porting_orders/2021-03-19T10:07:15.527Z/actions"},
		{Date{2024, time.March, 9}, "/v2/porting_orders/2024-03-09/actions"},
		{testStringer{1, 2}, "/v2/porting_orders/v1.2/actions"},
		{[]string{"a", "b,c"}, "/v2/porting_orders/a,b%2Cc/actions"},
	} {
		r := newRequest(http.MethodGet, "/porting_orders/{id}/actions")
		r.pathParam("id", tc.value)
		require.NoError(t, c.do(context.Background(), r, nil, nil), tc.value)
		reqs := rec.all()
		assert.Equal(t, tc.want, reqs[len(reqs)-1].URI, tc.value)
	}
}

func TestPathParamErrors(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL))
	for _, tc := range []struct {
		set  func(r *request)
		want string
	}{
		{func(r *request) {}, "DELETE /orders/{id}/items/{item}: path parameter id is not set"},
		{func(r *request) { r.pathParam("id", "") }, "path parameter id is empty"},
		{func(r *request) { r.pathParam("id", Opt[string]{}) }, "path parameter id is not set"},
		{func(r *request) { r.pathParam("id", (*string)(nil)) }, "path parameter id is not set"},
		{func(r *request) { r.pathParam("id", "a"); r.pathParam("nope", "b") }, "path /orders/{id}/items/{item} has no parameter nope"},
		{func(r *request) { r.pathParam("id", "a") }, "path parameter item is not set"},
	} {
		r := newRequest(http.MethodDelete, "/orders/{id}/items/{item}")
		tc.set(r)
		err := c.do(context.Background(), r, nil, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
	}
	assert.Zero(t, rec.count())

	r := newRequest(http.MethodDelete, "/orders/{id}/items/{item}")
	r.pathParam("item", Some("i/1"))
	r.pathParam("id", "o1")
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	assert.Equal(t, "/orders/o1/items/i%2F1", rec.all()[0].URI)
}

func TestHeaderParams(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL))
	r := newRequest(http.MethodPost, "/x")
	r.header("Idempotency-Key", Some("k-1"))
	r.header("X-Unset", Opt[string]{})
	r.header("X-Null", Null[string]())
	r.header("X-List", []int{1, 2})
	r.header("X-Time", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	h := rec.all()[0].Header
	assert.Equal(t, "k-1", h.Get("Idempotency-Key"))
	assert.NotContains(t, h, "X-Unset")
	assert.Equal(t, []string{""}, h.Values("X-Null"))
	assert.Equal(t, "1,2", h.Get("X-List"))
	assert.Equal(t, "2024-01-02T03:04:05Z", h.Get("X-Time"))
	assert.Empty(t, h.Values("Content-Type"), "a POST without a body")

	r = newRequest(http.MethodGet, "/x")
	r.header("X-Evil", "a\r\nX-Injected: 1")
	err := c.do(context.Background(), r, nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GET /x: header X-Evil: the value contains a control character")
	assert.Equal(t, 1, rec.count())
}

func TestAcceptOverride(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { _, _ = io.WriteString(w, "%PDF-1.7") })
	r := newRequest(http.MethodGet, "/loa")
	r.accept("application/pdf")
	var pdf []byte
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, &pdf, nil))
	assert.Equal(t, "application/pdf", rec.all()[0].Header.Get("Accept"))
	assert.Equal(t, "%PDF-1.7", string(pdf))
}

func TestJSONBody(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	r := newRequest(http.MethodPatch, "/x")
	r.jsonBody(json.RawMessage(`{"misc":null, "b":1}`))
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	got := rec.all()[0]
	assert.Equal(t, `{"misc":null,"b":1}`, string(got.Body))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))

	r = newRequest(http.MethodPatch, "/x")
	r.jsonBody(json.RawMessage(`{bad`))
	require.ErrorContains(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil), "PATCH /x: encode request body")
	assert.Equal(t, 1, rec.count())
}

func TestFormBody(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	r := newRequest(http.MethodPost, "/tokens")
	r.formBody(json.RawMessage(`{"grant_type":"client_credentials","scope":["a b","c"],"extra":{"k":{"deep":"v&w"}},"n":null}`))
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	got := rec.all()[0]
	assert.Equal(t, "application/x-www-form-urlencoded", got.Header.Get("Content-Type"))
	assert.Equal(t, "grant_type=client_credentials&scope=a%20b&scope=c&extra%5Bk%5D%5Bdeep%5D=v%26w&n=", string(got.Body))

	r = newRequest(http.MethodPost, "/tokens")
	r.formBody([]string{"not", "an object"})
	require.ErrorContains(t, r.err, "encode form body: the value is not an object")
}

func TestMultipartBody(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 0 {
			w.WriteHeader(http.StatusBadGateway) // so that the body is sent twice
		}
	})
	r := newRequest(http.MethodPost, "/documents")
	r.multipartBody([]multipartPart{
		{name: "file", filename: "loa \"v2\".pdf", contentType: "application/pdf", data: strings.NewReader("%PDF")},
		{name: "blob", data: bytes.NewReader([]byte{0, 1, 2})},
		{name: "customer_reference", value: Some("ref-1")},
		{name: "unset", value: Opt[string]{}},
		{name: "count", value: 3},
		{name: "tags", value: []string{"a", "b"}},
		{name: "meta", value: json.RawMessage(`{"z":1,"a":[true]}`)},
		{name: "evil\r\nX-Injected: 1", value: "v"},
	})
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	reqs := rec.all()
	require.Len(t, reqs, 2)
	assert.Equal(t, reqs[0].Body, reqs[1].Body, "replayed identically")

	mediaType, params, err := mime.ParseMediaType(reqs[1].Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mediaType)
	type part struct{ name, filename, contentType, data string }
	var parts []part
	mr := multipart.NewReader(bytes.NewReader(reqs[1].Body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		data, _ := io.ReadAll(p)
		parts = append(parts, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(data)})
		assert.Empty(t, p.Header.Get("X-Injected"))
	}
	assert.Equal(t, []part{
		{"file", "loa %22v2%22.pdf", "application/pdf", "%PDF"},
		{"blob", "blob", "application/octet-stream", "\x00\x01\x02"},
		{"customer_reference", "", "", "ref-1"},
		{"count", "", "", "3"},
		{"tags", "", "", "a"},
		{"tags", "", "", "b"},
		{"meta", "", "application/json", `{"z":1,"a":[true]}`},
		{"evil%0D%0AX-Injected: 1", "", "", "v"},
	}, parts)
}

func TestRawBodyIsReplayed(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n < 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	r := newRequest(http.MethodPut, "/recordings/{id}")
	r.pathParam("id", "r1")
	body := strings.NewReader("##RIFF....WAVE")
	_, _ = body.Seek(2, io.SeekStart) // sent from where it stands
	r.rawBody("audio/wav", body)
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	reqs := rec.all()
	require.Len(t, reqs, 3)
	for _, got := range reqs {
		assert.Equal(t, "RIFF....WAVE", string(got.Body))
		assert.Equal(t, "audio/wav", got.Header.Get("Content-Type"))
	}

	r = newRequest(http.MethodPut, "/x")
	r.rawBody("", strings.NewReader(""))
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	assert.Equal(t, "application/octet-stream", rec.all()[3].Header.Get("Content-Type"))

	r = newRequest(http.MethodPut, "/x")
	r.rawBody("text/plain\r\nX-Injected: 1", strings.NewReader("x"))
	require.ErrorContains(t, r.err, "header Content-Type: the value contains a control character")
}

func TestCookieAndNoAuth(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		got = req
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := newClientCore([]Option{WithBaseURL(srv.URL), WithAPIKey("k")})

	r := newRequest("GET", "/x")
	r.cookie("session", "a b;c")
	r.cookie("unset", Opt[string]{})
	r.cookie("n", Some(5))
	r.noAuth()
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	assert.Equal(t, "session=a+b%3Bc; n=5", got.Header.Get("Cookie"))
	assert.Empty(t, got.Header.Get("Authorization"))

	r = newRequest("GET", "/x")
	r.cookie("bad;name", "v")
	assert.ErrorContains(t, c.do(context.Background(), r, nil, nil), `cookie name "bad;name" is not valid`)
}

func TestMultipartValue(t *testing.T) {
	r := newRequest("POST", "/upload")
	r.multipartValue(map[string]any{"name": "a b", "tags": []string{"x", "y"}, "meta": map[string]int{"n": 1}})
	require.NoError(t, r.err)
	mt, params, err := mime.ParseMediaType(r.contentType)
	require.NoError(t, err)
	assert.Equal(t, "multipart/form-data", mt)
	mr := multipart.NewReader(bytes.NewReader(r.body), params["boundary"])
	var got []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		data, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"="+string(data))
	}
	assert.Equal(t, []string{`meta={"n":1}`, "name=a b", "tags=x", "tags=y"}, got)

	r = newRequest("POST", "/upload")
	r.multipartValue("scalar")
	assert.EqualError(t, r.err, "encode multipart body: the value is not an object")
}
