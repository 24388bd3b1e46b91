package uploads

// Uploads through bodies beyond a plain object: a oneOf of objects with
// files, a body that offers JSON and a form, and parts whose media type the
// schema's contentMediaType gives.

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// form is what a Go server reads from a multipart request: its fields and
// its files by name.
type form struct {
	fields map[string][]string
	files  map[string][]file
}

func formServer(t *testing.T, got *form, status int, response string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseMultipartForm(1<<20))
		*got = form{fields: r.MultipartForm.Value, files: map[string][]file{}}
		for name := range r.MultipartForm.File {
			got.files[name] = formFiles(t, r, name)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, response)
	}))
}

func TestUnionVariantSendsItsFiles(t *testing.T) {
	var got form
	srv := formServer(t, &got, http.StatusNoContent, "")
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))

	err := c.Default.CreateVoice(context.Background(), VoiceUploadFromVoiceFromSample(VoiceFromSample{
		Name:       "Ada",
		Sample:     UploadFileFromBytes("ada.wav", "audio/wav", []byte("RIFF")),
		Transcript: Some("hello"),
	}))
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"name": {"Ada"}, "transcript": {"hello"}}, got.fields)
	assert.Equal(t, map[string][]file{"sample": {{"ada.wav", "audio/wav", "RIFF"}}}, got.files, "the variant's file is a file part, with its filename")

	err = c.Default.CreateVoice(context.Background(), VoiceUploadFromVoiceFromSamples(VoiceFromSamples{
		Name:    "Bob",
		Samples: []UploadFile{UploadFileFromBytes("1.mp3", "", []byte("ID3a")), UploadFileFromBytes("2.mp3", "", []byte("ID3b"))},
	}))
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"name": {"Bob"}}, got.fields)
	assert.Equal(t, map[string][]file{"samples": {{"1.mp3", "audio/mpeg", "ID3a"}, {"2.mp3", "audio/mpeg", "ID3b"}}}, got.files,
		"each file of the other variant, typed by the items' contentMediaType")
}

// A union decoded from JSON holds no Go variant: it is sent from its JSON,
// as text fields.
func TestUnionFromJSONIsSentAsFields(t *testing.T) {
	var got form
	srv := formServer(t, &got, http.StatusNoContent, "")
	defer srv.Close()
	var body VoiceUpload
	require.NoError(t, json.Unmarshal([]byte(`{"name":"Eve","samples":[]}`), &body))
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	require.NoError(t, c.Default.CreateVoice(context.Background(), body))
	assert.Equal(t, map[string][]string{"name": {"Eve"}}, got.fields)
	assert.Empty(t, got.files)
}

func TestBodyOfJSONOrFormSendsEither(t *testing.T) {
	var got form
	srv := formServer(t, &got, http.StatusCreated, `{"id":"doc-1"}`)
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	res, err := c.Default.CreateDocumentMultipart(context.Background(), CreateDocumentMultipartRequest{
		File:      UploadFile{Name: "lease.pdf", Body: strings.NewReader("%PDF")},
		Reference: Some("ref-7"),
	})
	require.NoError(t, err)
	assert.Equal(t, "doc-1", res.ID.Value)
	assert.Equal(t, map[string][]string{"reference": {"ref-7"}}, got.fields)
	assert.Equal(t, map[string][]file{"file": {{"lease.pdf", "application/octet-stream", "%PDF"}}}, got.files)

	var contentType, sent string
	jsonSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		contentType = r.Header.Get("Content-Type")
		b, _ := io.ReadAll(r.Body)
		sent = string(b)
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"doc-2"}`)
	}))
	defer jsonSrv.Close()
	c = NewClient(WithBaseURL(jsonSrv.URL), WithAPIKey(""))
	res, err = c.Default.CreateDocument(context.Background(), CreateDocumentRequest{URL: "https://example.com/lease.pdf"})
	require.NoError(t, err)
	assert.Equal(t, "doc-2", res.ID.Value)
	assert.Equal(t, "application/json", contentType)
	assert.JSONEq(t, `{"url":"https://example.com/lease.pdf"}`, sent)
}

func TestContentMediaTypeIsTheDefaultPartType(t *testing.T) {
	var got form
	srv := formServer(t, &got, http.StatusNoContent, "")
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
	err := c.Default.PutAttachments(context.Background(), &PutAttachmentsRequest{
		Scan: Some(UploadFileFromBytes("scan.tif", "", []byte("II*"))),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string][]file{"scan": {{"scan.tif", "image/tiff", "II*"}}}, got.files, "contentMediaType: image/tiff")

	err = c.Default.PutAttachments(context.Background(), &PutAttachmentsRequest{
		Scan: Some(UploadFileFromBytes("scan.png", "image/png", []byte("PNG"))),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string][]file{"scan": {{"scan.png", "image/png", "PNG"}}}, got.files, "the file's own content type wins")
}
