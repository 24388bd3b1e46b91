package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMediaSuffix(t *testing.T) {
	for mediaType, want := range map[string]string{
		"text/csv":                 "CSV",
		"text/csv; charset=utf-8":  "CSV",
		"application/pdf":          "PDF",
		"application/xml":          "XML",
		"audio/mpeg":               "Mpeg",
		"text/plain":               "Text",
		"application/vnd.ms-excel": "MsExcel",
		"application/x-ndjson":     "Ndjson",
		"application/octet-stream": "OctetStream",
		"image/svg+xml":            "SvgXML",
		"application/":             "Raw",
		"nonsense":                 "Raw",
	} {
		assert.Equal(t, want, mediaSuffix(mediaType), mediaType)
	}
}
