package uploads

// Uploads whose response is streamed back to the caller while the upload is
// still being sent: the upload must go on until the caller closes the
// response, not stop when the method returns.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// duplexServer answers an upload of one file part before reading all of it,
// as a transcoder does: it reads the first len(head) bytes of the part,
// answers with the response headers and first (flushed), then reads the
// rest of the part and ends the response with last(the number of bytes
// received).
func duplexServer(t *testing.T, head int, contentType, first string, last func(n int) string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Without it, a Go HTTP/1 server reads (or refuses) the rest of the
		// request body before it sends the response headers.
		require.NoError(t, http.NewResponseController(w).EnableFullDuplex())
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		part, err := mr.NextPart()
		require.NoError(t, err)
		got, err := io.ReadFull(part, make([]byte, head))
		require.NoError(t, err)
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, first)
		require.NoError(t, http.NewResponseController(w).Flush())
		rest, err := io.Copy(io.Discard, part)
		if !assert.NoError(t, err, "the rest of the upload arrives") {
			return
		}
		_, _ = io.WriteString(w, last(got+int(rest)))
	}))
}

// gatedUpload is a file of head bytes, then, once open is closed, tail
// bytes: it cannot be sent whole before the caller lets it.
func gatedUpload(head, tail int, open chan struct{}) io.Reader {
	return &onceReader{r: io.MultiReader(
		bytes.NewReader(make([]byte, head)),
		waitFor(open),
		bytes.NewReader(make([]byte, tail)),
	)}
}

func TestUploadGoesOnWhileItsResponseStreams(t *testing.T) {
	const head, tail = 1 << 10, 1 << 20
	srv := duplexServer(t, head, "application/octet-stream", "first\n", func(n int) string { return fmt.Sprintf("received %d\n", n) })
	defer srv.Close()
	open := make(chan struct{})
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	out, err := c.Default.Transcode(context.Background(), TranscodeRequest{Media: UploadFile{Name: "in.wav", Body: gatedUpload(head, tail, open)}})
	if err != nil {
		close(open)
		require.NoError(t, err)
	}
	defer out.Close()
	br := bufio.NewReader(out)
	line, err := br.ReadString('\n')
	close(open) // the rest of the upload goes once the first chunk is in
	require.NoError(t, err)
	assert.Equal(t, "first\n", line)
	rest, err := io.ReadAll(br)
	require.NoError(t, err, "the response is not cut off")
	assert.Equal(t, fmt.Sprintf("received %d\n", head+tail), string(rest), "the server got the whole upload")
}

func TestUploadGoesOnWhileItsEventsStream(t *testing.T) {
	const head, tail = 1 << 10, 1 << 20
	srv := duplexServer(t, head, "text/event-stream", "data: {\"text\":\"hello\"}\n\n", func(n int) string { return fmt.Sprintf("data: {\"text\":\"%d bytes\"}\n\n", n) })
	defer srv.Close()
	open := make(chan struct{})
	defer func() {
		select {
		case <-open:
		default:
			close(open)
		}
	}()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	stream, err := c.Default.Transcribe(context.Background(), TranscribeRequest{Audio: UploadFile{Name: "in.wav", Body: gatedUpload(head, tail, open)}})
	require.NoError(t, err)
	defer stream.Close()
	var texts []string
	for ev, err := range stream.Events() {
		require.NoError(t, err, "the stream is not cut off")
		texts = append(texts, ev.Data.Text.Value)
		if len(texts) == 1 {
			close(open)
		}
		require.Less(t, len(texts), 10)
	}
	assert.Equal(t, []string{"hello", fmt.Sprintf("%d bytes", head+tail)}, texts)
}

// uploadWriters counts the goroutines that write a multipart upload.
func uploadWriters() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, ".(*request).multipartStream.func") {
			n++
		}
	}
	return n
}

// A caller that closes the response early ends the upload: the goroutine
// writing it is gone when Close returns (a file that can be rewound is
// waited for, see multipartStream).
func TestClosingAStreamedResponseEndsTheUpload(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, http.NewResponseController(w).EnableFullDuplex())
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		part, err := mr.NextPart()
		require.NoError(t, err)
		_, err = io.ReadFull(part, make([]byte, 1<<10))
		require.NoError(t, err)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, "first\n")
		require.NoError(t, http.NewResponseController(w).Flush())
		<-release // reads no more: the upload cannot go on
	}))
	defer srv.Close()
	defer close(release)
	before := uploadWriters()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	// Larger than the socket buffers: it cannot all be sent while the
	// server does not read.
	out, err := c.Default.Transcode(context.Background(), TranscodeRequest{Media: UploadFileFromBytes("big.bin", "", make([]byte, 64<<20))})
	require.NoError(t, err)
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "first\n", line)
	assert.Equal(t, before+1, uploadWriters(), "the upload is still being sent")
	require.NoError(t, out.Close())
	assert.Equal(t, before, uploadWriters(), "closing the response ended the upload")
}
