package templates

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// onceReader yields its bytes once and fails when read again after the end,
// as a network stream or a pipe would: a client that buffers it, or replays
// it, cannot go unnoticed.
type onceReader struct {
	r     io.Reader
	ended bool
}

func (o *onceReader) Read(p []byte) (int, error) {
	if o.ended {
		return 0, errors.New("onceReader read again after its end")
	}
	n, err := o.r.Read(p)
	if err == io.EOF {
		o.ended = true
	}
	return n, err
}

func TestRawBodyThatCannotBeRewoundIsSentOnce(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusServiceUnavailable))
	r := newRequest(http.MethodPut, "/blobs/b1") // idempotent: retried if it could be
	r.rawBody("application/octet-stream", &onceReader{r: strings.NewReader("bytes")})
	err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	require.Equal(t, 1, rec.count(), "no retry of a body that cannot be sent again")
	assert.Equal(t, "bytes", string(rec.all()[0].Body))
}

func TestRawBodyOfAFileIsRewoundAndSized(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.bin")
	require.NoError(t, os.WriteFile(path, []byte("headerPAYLOAD"), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.Seek(6, io.SeekStart)
	require.NoError(t, err)

	var lengths []int64
	var mu sync.Mutex
	srv, rec := newServer(t, func(w http.ResponseWriter, req *http.Request, n int) {
		mu.Lock()
		lengths = append(lengths, req.ContentLength)
		mu.Unlock()
		if n == 0 {
			w.WriteHeader(http.StatusBadGateway)
		}
	})
	r := newRequest(http.MethodPut, "/blobs/b1")
	r.rawBody("", f)
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	reqs := rec.all()
	require.Len(t, reqs, 2)
	for _, got := range reqs {
		assert.Equal(t, "PAYLOAD", string(got.Body))
	}
	assert.Equal(t, []int64{7, 7}, lengths, "a file's size is its Content-Length")
}

// A body larger than anything the client may hold is sent while it is read:
// the reader waits, half-way, until the server has received the first half.
func TestRawBodyIsStreamed(t *testing.T) {
	const size, half = 8 << 20, 4 << 20
	gotHalf := make(chan struct{})
	var received int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		buf := make([]byte, 64<<10)
		closed := false
		for {
			n, err := req.Body.Read(buf)
			received += int64(n)
			if received >= half && !closed {
				close(gotHalf)
				closed = true
			}
			if err != nil {
				break
			}
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	body := &onceReader{r: io.MultiReader(
		io.LimitReader(zeros{}, half),
		&waitReader{ready: gotHalf},
		io.LimitReader(zeros{}, size-half),
	)}
	r := newRequest(http.MethodPost, "/blobs")
	r.rawBody("application/octet-stream", body)
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	assert.Equal(t, int64(size), received)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// waitReader yields nothing until ready is closed. Should the client read the
// whole body before sending it, the server never sees half of it: the read
// then fails instead of hanging the test.
type waitReader struct {
	ready    chan struct{}
	timedOut atomic.Bool
}

func (w *waitReader) Read([]byte) (int, error) {
	select {
	case <-w.ready:
		return 0, io.EOF
	case <-time.After(time.Minute):
		w.timedOut.Store(true)
		return 0, errors.New("the server got nothing of the body while it was being read: the client buffers it")
	}
}

type formFile struct{ field, filename, contentType, data string }

// readForm reads a multipart request as a server does, with FormFile.
func readForm(t *testing.T, req *http.Request, fields, files []string) (map[string]string, []formFile) {
	t.Helper()
	require.NoError(t, req.ParseMultipartForm(1<<20))
	values := map[string]string{}
	for _, f := range fields {
		values[f] = req.FormValue(f)
	}
	var out []formFile
	for _, name := range files {
		for _, fh := range req.MultipartForm.File[name] {
			fr, err := fh.Open()
			require.NoError(t, err)
			data, _ := io.ReadAll(fr)
			fr.Close()
			out = append(out, formFile{name, fh.Filename, fh.Header.Get("Content-Type"), string(data)})
		}
	}
	return values, out
}

func TestMultipartFiles(t *testing.T) {
	type seen struct {
		values        map[string]string
		files         []formFile
		contentLength int64
		chunked       bool
	}
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		v, f := readForm(t, req, []string{"purpose"}, []string{"file", "pages", "doc", "unset"})
		got = append(got, seen{v, f, req.ContentLength, len(req.TransferEncoding) > 0})
		if len(got) == 1 {
			w.WriteHeader(http.StatusBadGateway) // sent again: the files can be rewound
		}
	}))
	defer srv.Close()

	r := newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{
		{name: "purpose", value: "assistants"},
		{name: "file", value: UploadFileFromBytes("notes.txt", "text/plain", []byte("hello"))},
		{name: "unset", value: Opt[UploadFile]{}},
		{name: "pages", value: []UploadFile{{Name: "p1.png", Body: strings.NewReader("PNG1")}, {Body: bytes.NewReader([]byte("PNG2"))}}},
		{name: "doc", contentType: "application/pdf", value: Some(UploadFile{Name: "loa.pdf", Body: strings.NewReader("%PDF")})},
	})
	require.NoError(t, newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil))
	require.Len(t, got, 2)
	assert.Equal(t, got[0], got[1], "replayed identically")
	assert.Equal(t, map[string]string{"purpose": "assistants"}, got[1].values)
	assert.Equal(t, []formFile{
		{"file", "notes.txt", "text/plain", "hello"},
		{"pages", "p1.png", "application/octet-stream", "PNG1"},
		{"pages", "pages", "application/octet-stream", "PNG2"}, // no name: the field's
		{"doc", "loa.pdf", "application/pdf", "%PDF"},          // the spec's encoding
	}, got[1].files)
	assert.Positive(t, got[1].contentLength, "every size is known: sent with its length")
	assert.False(t, got[1].chunked)
}

func TestMultipartFileThatCannotBeRewound(t *testing.T) {
	var files []formFile
	var chunked bool
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		calls++
		_, files = readForm(t, req, nil, []string{"file"})
		chunked = len(req.TransferEncoding) > 0
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()

	r := newRequest(http.MethodPut, "/files/f1")
	r.multipartBody([]multipartPart{{name: "file", value: UploadFile{Name: "big.bin", Body: &onceReader{r: strings.NewReader("stream")}}}})
	err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1, calls, "not retried")
	assert.Equal(t, []formFile{{"file", "big.bin", "application/octet-stream", "stream"}}, files)
	assert.True(t, chunked, "no size known: sent chunked")
}

// A middleware that answers without sending leaves nobody to read the pipe:
// the call still returns, and the writer stops.
func TestMultipartAnsweredUnsent(t *testing.T) {
	answer := func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
	}
	r := newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{{name: "file", value: UploadFile{Body: zeros{}}}}) // endless
	require.NoError(t, newTestCore(t, WithBaseURL("http://127.0.0.1:1"), WithMiddleware(answer)).do(context.Background(), r, nil, nil))
}

func TestMultipartFileErrors(t *testing.T) {
	r := newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{{name: "file", value: UploadFile{Name: "x"}}})
	assert.EqualError(t, r.err, `multipart part "file": the UploadFile has no Body`)

	r = newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{{name: "file", value: UploadFile{ContentType: "a/b\r\nX: 1", Body: strings.NewReader("")}}})
	assert.ErrorContains(t, r.err, "control character")

	boom := errors.New("disk on fire")
	srv, _ := newServer(t, nil)
	r = newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{{name: "file", value: UploadFile{Body: io.MultiReader(strings.NewReader("part"), errReader{boom})}}})
	err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil)
	assert.ErrorIs(t, err, boom, "a failing file fails the call")

	out, err := UploadFile{}.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `""`, string(out), "a zero UploadFile is the zero binary string, as a required member no one set")
	_, err = UploadFile{Body: &onceReader{r: strings.NewReader("x")}}.MarshalJSON()
	assert.EqualError(t, err, "an UploadFile can only be sent in a multipart/form-data body")
	var u UploadFile
	require.NoError(t, u.UnmarshalJSON([]byte(`"bill example"`)))
	out, err = u.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `"bill example"`, string(out), "a value decoded from JSON encodes back")
	out, _ = u.MarshalJSON()
	assert.Equal(t, `"bill example"`, string(out), "without consuming the body")
}

func TestUploadFileFromOS(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.csv")
	require.NoError(t, os.WriteFile(path, []byte("a,b\n"), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	u := UploadFileFromOS(f, "text/csv")
	assert.Equal(t, "report.csv", u.Name)
	assert.Equal(t, "text/csv", u.ContentType)

	r := newRequest(http.MethodPost, "/files")
	r.multipartBody([]multipartPart{{name: "file", value: u}})
	require.NoError(t, r.err)
	mt, params, err := mime.ParseMediaType(r.contentType)
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	body, err := r.stream.open()
	require.NoError(t, err)
	data, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Len(t, data, int(r.stream.length), "the length counted beforehand is the length sent")
	p, err := multipart.NewReader(bytes.NewReader(data), params["boundary"]).NextPart()
	require.NoError(t, err)
	assert.Equal(t, "report.csv", p.FileName())
	r.stopBody()
}

// A server that answers before reading the upload (a 413, say) ends the
// call at once, even while the caller's reader, which cannot be rewound, is
// waiting for more input: nothing waits for that read to return.
func TestUploadAnsweredEarlyDoesNotWaitForTheReader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Connection", "close") // answer now, not after reading the rest
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		w.(http.Flusher).Flush()
	}))
	defer srv.Close()
	release := make(chan struct{})
	defer close(release)
	for _, kind := range []string{"raw", "multipart"} {
		wait := &waitReader{ready: release}
		stalled := io.MultiReader(strings.NewReader("first bytes"), wait)
		r := newRequest(http.MethodPost, "/files")
		if kind == "raw" {
			r.rawBody("", stalled)
		} else {
			r.multipartBody([]multipartPart{{name: "file", value: UploadFile{Body: stalled}}})
		}
		err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr, kind)
		assert.Equal(t, http.StatusRequestEntityTooLarge, apiErr.StatusCode, kind)
		assert.False(t, wait.timedOut.Load(), "%s: the call waited for the stalled read to give up", kind)
	}
}
