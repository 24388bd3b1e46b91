package telnyx

// Telnyx's lists page by page[number] and meta.total_pages, and its forms
// send files: a body that offers JSON or a form (documents) and a oneOf of
// forms (voice clones from an upload) (issue 14, items 1 and 3).

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPortingOrdersListAllPages(t *testing.T) {
	var mu sync.Mutex
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		pages = append(pages, r.URL.Query().Get("page[number]")+"/"+r.URL.Query().Get("page[size]"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page[number]") {
		case "1":
			_, _ = io.WriteString(w, `{"data":[{"id":"a"},{"id":"b"}],"meta":{"page_number":1,"total_pages":2}}`)
		case "2":
			_, _ = io.WriteString(w, `{"data":[{"id":"c"}],"meta":{"page_number":2,"total_pages":2}}`)
		default:
			t.Errorf("page %q asked for after the last", r.URL.Query().Get("page[number]"))
			_, _ = io.WriteString(w, `{"data":[],"meta":{"total_pages":2}}`)
		}
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("KEY0123456789"))

	var ids []string
	for po, err := range c.PortingOrders.ListAll(context.Background(), ListPortingOrdersParams{
		Page: Some(PortingOrderPageConsolidated{Size: Some(int64(2))}),
	}) {
		require.NoError(t, err)
		ids = append(ids, po.ID.Value)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	assert.Equal(t, []string{"1/2", "2/2"}, pages, "each page once, with the caller's page size, and none after total_pages")
}

// multipartFile is a file part as a Go server's FormFile reads it.
type multipartFile struct{ name, contentType, data string }

func readFormFile(t *testing.T, r *http.Request, field string) multipartFile {
	f, fh, err := r.FormFile(field)
	require.NoError(t, err, field)
	defer f.Close()
	data, err := io.ReadAll(f)
	require.NoError(t, err)
	return multipartFile{fh.Filename, fh.Header.Get("Content-Type"), string(data)}
}

func TestDocumentsCreateMultipart(t *testing.T) {
	var file multipartFile
	var reference string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/documents", r.URL.Path)
		file = readFormFile(t, r, "file")
		reference = r.FormValue("customer_reference")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"id":"doc-1"}}`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("KEY0123456789"))

	res, err := c.Documents.CreateMultipart(context.Background(), CreateMultiPartDocServiceDocumentRequest{
		CustomerReference: Some("MY REF 001"),
		File:              Some(UploadFileFromBytes("loa.pdf", "application/pdf", []byte("%PDF-1.7"))),
	})
	require.NoError(t, err)
	assert.Equal(t, "doc-1", res.Data.Value.ID.Value)
	assert.Equal(t, multipartFile{"loa.pdf", "application/pdf", "%PDF-1.7"}, file)
	assert.Equal(t, "MY REF 001", reference)
}

func TestVoiceCloneFromUploadSendsTheVariantsFile(t *testing.T) {
	var file multipartFile
	fields := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/voice_clones/from_upload", r.URL.Path)
		file = readFormFile(t, r, "audio_file")
		for name, v := range r.MultipartForm.Value {
			fields[name] = v[0]
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"id":"vc-1"}}`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("KEY0123456789"))

	_, err := c.VoiceClones.CreateFromUpload(context.Background(), VoiceCloneUploadRequestFromTelnyxUltraClone(TelnyxUltraClone{
		AudioFile: UploadFileFromBytes("ada.wav", "audio/wav", []byte("RIFF....WAVE")),
		Gender:    TelnyxUltraCloneGenderFemale,
		Language:  "en",
		ModelID:   TelnyxUltraCloneModelIDUltra,
		Name:      "Ada",
		Provider:  TelnyxUltraCloneProviderTelnyx,
	}))
	require.NoError(t, err)
	assert.Equal(t, multipartFile{"ada.wav", "audio/wav", "RIFF....WAVE"}, file, "the variant's audio is a file part")
	assert.Equal(t, map[string]string{"gender": "female", "language": "en", "model_id": "Ultra", "name": "Ada", "provider": "telnyx"}, fields,
		"its other members are text parts; unset optional ones are left out")
}
