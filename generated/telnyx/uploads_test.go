package telnyx

// Telnyx's multipart uploads send files (issue 14, item 3): the hosted
// number order's LOA and bill reach a server's FormFile as PDFs.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHostedNumberOrderUpload(t *testing.T) {
	type file struct{ name, contentType, data string }
	got := map[string]file{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, "/messaging_hosted_number_orders/o1/actions/file_upload", r.URL.Path)
		for _, field := range []string{"loa", "bill"} {
			f, fh, err := r.FormFile(field)
			require.NoError(t, err, field)
			data, _ := io.ReadAll(f)
			f.Close()
			got[field] = file{fh.Filename, fh.Header.Get("Content-Type"), string(data)}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"id":"o1"}}`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("KEY0123456789"))
	_, err := c.HostedNumbers.UploadMessagingOrderFile(context.Background(), "o1", &UploadFileMessagingHostedNumberOrderRequest{
		Loa:  Some(UploadFileFromBytes("loa.pdf", "", []byte("%PDF-loa"))),
		Bill: Some(UploadFileFromBytes("bill.pdf", "", []byte("%PDF-bill"))),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]file{
		"loa":  {"loa.pdf", "application/pdf", "%PDF-loa"}, // the spec's encoding
		"bill": {"bill.pdf", "application/pdf", "%PDF-bill"},
	}, got)
}
