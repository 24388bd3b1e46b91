package naming

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzNames: whatever a spec calls a schema, property or parameter, the Go
// names made from it are valid identifiers, Exported's exported, Local's
// neither a keyword nor a predeclared name nor one already taken, and the
// same every time. CI fuzzes this target for a bounded time: it builds in
// seconds, while FuzzGenerate (internal/gen) needs libopenapi rebuilt with
// coverage instrumentation (make fuzz runs that one).
func FuzzNames(f *testing.F) {
	for _, s := range []string{"", "id", "userId", "URLPath", "2fa", "a-b_c.d", "ünïcödé", "日本", "type", "func", "len", "x\x00y", "\xff", "__", "ǅ", "Ⅻ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name := Exported(s)
		assert.True(t, IsExported(name), "Exported(%q) = %q, not an exported identifier", s, name)
		assert.Equal(t, name, Exported(s), "Exported(%q) is not deterministic", s)

		taken := map[string]bool{"json": true, "http": true}
		local := Local(s, taken)
		require.True(t, token.IsIdentifier(local), "Local(%q) = %q, not an identifier", s, local)
		assert.False(t, token.IsKeyword(local) || predeclared[local], "Local(%q) = %q", s, local)
		assert.False(t, local == "json" || local == "http", "Local(%q) = %q, which was taken", s, local)
		assert.True(t, taken[local], "Local(%q) does not record %q as taken", s, local)
		again := Local(s, taken)
		assert.NotEqual(t, local, again, "a second Local(%q) must not reuse %q", s, local)
	})
}
