//go:build unix

package gen

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecThatIsNotAFile: a device or a FIFO given as -spec, as -diff's old
// spec, as -config, or reached by a $ref, is refused before it is read:
// /dev/zero grew without bound and a FIFO blocked forever. Nothing is
// written.
func TestSpecThatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	good, err := filepath.Abs("../../specs/golden/enums.yml")
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "out")

	for _, tt := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"-spec", "/dev/zero"}, "gen: read spec: /dev/zero is a device, not a regular file\n", 1},
		{[]string{"-spec", fifo}, "gen: read spec: " + fifo + " is a named pipe (FIFO), not a regular file\n", 1},
		{[]string{"-spec", dir}, "gen: read spec: " + dir + " is a directory, not a file\n", 1},
		{[]string{"-spec", good, "-diff", "/dev/zero"}, "gen: read old spec: /dev/zero is a device, not a regular file\n", 1},
		{[]string{"-spec", good, "-config", fifo}, "gen: config: " + fifo + " is a named pipe (FIFO), not a regular file\n", 2},
	} {
		code, stdout, stderr := run(append(tt.args, "-out", out, "-package", "p")...)
		assert.Equal(t, tt.code, code, "%v: %s", tt.args, stderr)
		assert.Empty(t, stdout)
		assert.Equal(t, tt.want, stderr, "%v", tt.args)
		assert.NoDirExists(t, out)
	}

	// A $ref to a FIFO, in a spec of several files.
	split := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(split, "openapi.yaml"), []byte("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: pet.yaml}\n"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(split, "pet.yaml"), 0o644))
	t.Chdir(split)
	code, _, stderr := run("-spec", "openapi.yaml", "-out", out, "-package", "p")
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: openapi.yaml:6:11: #/components/schemas/Pet: $ref \"pet.yaml\": cannot read pet.yaml: not a regular file\n", stderr)
	assert.NoDirExists(t, out)
}

// TestSpecSizeIsEnforcedWhileReading: a spec over the limit is refused
// by its size, without being read.
func TestSpecSizeIsEnforcedWhileReading(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "sparse.yaml")
	f, err := os.Create(spec)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<40)) // a sparse terabyte
	require.NoError(t, f.Close())
	code, _, stderr := run("-spec", spec, "-out", t.TempDir(), "-package", "p")
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: "+spec+":1:1: #: the file is 1099511627776 bytes (1048576.0 MiB); oagen reads specs of up to 20 MiB: generate from a smaller spec, e.g. only the paths you need\n", stderr)
}
