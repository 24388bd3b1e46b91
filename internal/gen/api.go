package gen

import (
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model"
)

// GenerateAPI is GenerateFS with a config (nil for none) that also returns
// the named model the files were emitted from: what a tool driving the
// generated client needs to know (services, method names, parameter
// fields), as tools/conformance does.
func GenerateAPI(path string, fsys fs.FS, cfg *config.Config, opts Options) ([]emit.File, *model.API, []*model.Diagnostic, error) {
	data, err := fs.ReadFile(fsys, filepath.Base(path))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read spec: %w", err)
	}
	r, err := buildFS(path, data, fsys, cfg, opts)
	return r.files, r.api, r.warnings, err
}
