package uploads

// Behaviour of file uploads (issue 14, item 3) against an httptest server
// that reads them as a Go server does, with FormFile.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type file struct{ filename, contentType, data string }

func formFiles(t *testing.T, r *http.Request, field string) []file {
	t.Helper()
	var out []file
	for _, fh := range r.MultipartForm.File[field] {
		f, err := fh.Open()
		require.NoError(t, err)
		data, _ := io.ReadAll(f)
		f.Close()
		out = append(out, file{fh.Filename, fh.Header.Get("Content-Type"), string(data)})
	}
	return out
}

func TestUploadFileReachesFormFile(t *testing.T) {
	var purpose string
	var doc, thumb []file
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable) // a file on disk is sent again
			return
		}
		require.NoError(t, r.ParseMultipartForm(1<<20))
		purpose = r.FormValue("purpose")
		f, fh, err := r.FormFile("file")
		require.NoError(t, err, "the server's FormFile finds the file")
		f.Close()
		assert.Equal(t, "contract.pdf", fh.Filename)
		doc, thumb = formFiles(t, r, "file"), formFiles(t, r, "thumbnail")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"file-1","filename":"contract.pdf","bytes":8}`)
	}))
	defer srv.Close()

	path := filepath.Join(t.TempDir(), "contract.pdf")
	require.NoError(t, os.WriteFile(path, []byte("%PDF-1.7"), 0o600))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()

	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	res, err := c.Default.UploadFile(context.Background(), FileUpload{
		Purpose:   FileUploadPurposeAssistants,
		File:      UploadFileFromOS(f, ""),
		Thumbnail: Some(UploadFileFromBytes("thumb.png", "image/png", []byte("\x89PNG"))),
	})
	require.NoError(t, err)
	assert.Equal(t, "file-1", res.ID.Value)
	assert.EqualValues(t, 2, calls.Load())
	assert.Equal(t, "assistants", purpose)
	assert.Equal(t, []file{{"contract.pdf", "application/pdf", "%PDF-1.7"}}, doc, "the encoding's content type")
	assert.Equal(t, []file{{"thumb.png", "image/png", "\x89PNG"}}, thumb, "the file's own content type")
}

func TestUploadArrayAndContentMediaType(t *testing.T) {
	var pages, scan []file
	var note, meta string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseMultipartForm(1<<20))
		pages, scan = formFiles(t, r, "pages"), formFiles(t, r, "scan")
		note, meta = r.FormValue("note"), r.FormValue("meta")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	err := c.Default.PutAttachments(context.Background(), &PutAttachmentsRequest{
		Note:  Some("two pages"),
		Pages: Some([]UploadFile{UploadFileFromBytes("1.png", "", []byte("one")), UploadFileFromBytes("2.png", "", []byte("two"))}),
		Scan:  Some(UploadFile{Name: "scan.tiff", ContentType: "image/tiff", Body: strings.NewReader("II*")}),
		Meta:  Some(PutAttachmentsRequestMeta{Source: Some("scanner")}),
	})
	require.NoError(t, err)
	assert.Equal(t, "two pages", note)
	assert.JSONEq(t, `{"source":"scanner"}`, meta)
	assert.Equal(t, []file{{"1.png", "application/octet-stream", "one"}, {"2.png", "application/octet-stream", "two"}}, pages)
	assert.Equal(t, []file{{"scan.tiff", "image/tiff", "II*"}}, scan)
}

// onceReader fails when it is read again after its end: a client that
// replays it, or reads it whole before sending, is caught.
type onceReader struct {
	r     io.Reader
	ended bool
}

func (o *onceReader) Read(p []byte) (int, error) {
	if o.ended {
		return 0, errors.New("read again after the end")
	}
	n, err := o.r.Read(p)
	if err == io.EOF {
		o.ended = true
	}
	return n, err
}

func TestUploadThatCannotBeReplayedIsNotRetried(t *testing.T) {
	var calls atomic.Int32
	var got []file
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		require.NoError(t, r.ParseMultipartForm(1<<20))
		got = formFiles(t, r, "file")
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithRetryNonIdempotent())
	_, err := c.Default.UploadFile(context.Background(), FileUpload{
		Purpose: FileUploadPurposeBatch,
		File:    UploadFile{Name: "live.bin", Body: &onceReader{r: strings.NewReader("frames")}},
	})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadGateway, apiErr.StatusCode)
	assert.EqualValues(t, 1, calls.Load(), "a 502 is retried, but not with a body that cannot be sent again")
	assert.Equal(t, []file{{"live.bin", "application/pdf", "frames"}}, got)
}

// A large upload is sent as it is read: half-way, the reader waits until
// the server has received the first half, which it never would if the client
// read the body whole first (the wait then fails the call, not the test
// run).
func TestLargeUploadIsStreamed(t *testing.T) {
	const size, half = 32 << 20, 16 << 20
	gotHalf := make(chan struct{})
	var received int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		buf := make([]byte, 256<<10)
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FileName() == "" {
				continue
			}
			closed := false
			for {
				n, err := p.Read(buf)
				received += int64(n)
				if received >= half && !closed {
					close(gotHalf)
					closed = true
				}
				if err != nil {
					break
				}
			}
		}
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()

	body := &onceReader{r: io.MultiReader(
		bytes.NewReader(make([]byte, half)),
		waitFor(gotHalf),
		bytes.NewReader(make([]byte, size-half)),
	)}
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	_, err := c.Default.UploadFile(context.Background(), FileUpload{Purpose: FileUploadPurposeBatch, File: UploadFile{Name: "big.bin", Body: body}})
	require.NoError(t, err)
	assert.Equal(t, int64(size), received)
}

type waitReader chan struct{}

func waitFor(c chan struct{}) io.Reader { return waitReader(c) }

func (w waitReader) Read([]byte) (int, error) {
	select {
	case <-w:
		return 0, io.EOF
	case <-time.After(time.Minute):
		return 0, errors.New("the server got nothing while the body was read: the client buffers it")
	}
}

func TestRawBodyIsStreamedOnce(t *testing.T) {
	var calls atomic.Int32
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	err := c.Default.PutBlob(context.Background(), "k", &onceReader{r: strings.NewReader("raw bytes")})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.EqualValues(t, 1, calls.Load(), "a PUT is retried after a 503, but not with a reader that cannot be rewound")
	assert.Equal(t, "raw bytes", got)
}
