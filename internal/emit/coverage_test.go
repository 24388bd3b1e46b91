package emit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConstructCoverage reads the table of specs/README.md that maps each
// construct of issue 7 to its fixture, and checks every row against the
// files: the fixture exists and contains the string the row names, it has
// golden files (so TestGolden and TestGoldenCompiles cover it), and the
// behaviour test the row names exists.
func TestConstructCoverage(t *testing.T) {
	readme, err := os.ReadFile("../../specs/README.md")
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(readme), "## Issue 7: one fixture per construct")
	require.True(t, ok, "specs/README.md has no construct table")
	rows := 0
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "construct" {
			continue
		}
		construct := strings.TrimSpace(cells[1])
		fixture := strings.Trim(strings.TrimSpace(cells[2]), "`")
		contains := strings.Trim(strings.TrimSpace(cells[3]), "`")
		behaviour := strings.Trim(strings.TrimSpace(cells[4]), "`")
		rows++

		spec, err := os.ReadFile(filepath.Join("../../specs/golden", fixture))
		if !assert.NoError(t, err, "%s: fixture", construct) {
			continue
		}
		assert.Contains(t, string(spec), contains, "%s: %s does not contain %q", construct, fixture, contains)

		// split/openapi.yml is the case "split"; x.yml and x.json the case "x".
		name := strings.TrimSuffix(strings.TrimSuffix(fixture, filepath.Ext(fixture)), "/openapi")
		goldens, _ := filepath.Glob(filepath.Join("../../golden", name, "*.go.golden"))
		assert.NotEmpty(t, goldens, "%s: no golden files in golden/%s", construct, name)

		if behaviour != "" {
			assert.FileExists(t, filepath.Join("../..", behaviour), "%s: behaviour test", construct)
		}
	}
	assert.GreaterOrEqual(t, rows, 40, "the table lost rows")
}
