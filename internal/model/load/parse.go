package load

import (
	"io"
	"log/slog"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi/datamodel"
)

// ParseOnly runs libopenapi alone on data, with the configuration Load uses:
// NewDocument and BuildV3Model, nothing of oagen's. It is the floor the
// benchmark measures oagen against.
func ParseOnly(data []byte) error {
	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.IgnoreArrayCircularReferences = true
	cfg.IgnorePolymorphicCircularReferences = true
	doc, err := libopenapi.NewDocumentWithConfiguration(data, cfg)
	if err != nil {
		return err
	}
	_, err = doc.BuildV3Model()
	return err
}
