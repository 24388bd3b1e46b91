package gen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWideObjectCollectsGarbageLinearly generates objects of 5,000 and
// 20,000 properties and counts the garbage collections each takes: work,
// not time. The memory limit tuneGC sets from the spec's size was below the
// live heap of a wide object, and the collector ran back to back (42
// collections for 20,000 properties against 4 for 5,000; 80,000 took 10 to 25 s,
// mostly collecting). Kept above the live heap, the count grows
// with the logarithm of the heap (9 against 3): four times the properties
// may at most take four times the collections, with a little slack.
func TestWideObjectCollectsGarbageLinearly(t *testing.T) {
	t.Setenv("GOGC", "") // tuneGC leaves the collector alone when they are set
	t.Setenv("GOMEMLIMIT", "")
	collections := func(n int) uint32 {
		var b strings.Builder
		b.WriteString("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    E:\n      type: object\n      properties:\n")
		for i := range n {
			fmt.Fprintf(&b, "        p%d: {type: string}\n", i)
		}
		dir := t.TempDir()
		spec := filepath.Join(dir, "wide.yml")
		require.NoError(t, os.WriteFile(spec, []byte(b.String()), 0o644))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		require.Equal(t, 0, Main([]string{"-spec", spec, "-out", filepath.Join(dir, "out"), "-package", "wide"}, io.Discard, io.Discard))
		runtime.ReadMemStats(&after)
		return after.NumGC - before.NumGC
	}
	small, large := collections(5_000), collections(20_000)
	t.Logf("collections: %d for 5,000 properties, %d for 20,000", small, large)
	assert.LessOrEqual(t, large, 4*small+4, "collections grow faster than the spec")
}
