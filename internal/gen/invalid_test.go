package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model/load"
)

// The bad-spec cases: each spec in specs/invalid, and each spec that
// generatedInvalid writes, must make gen exit 1 with the messages in
// golden/invalid/<case>.err, every one of them placed as
// FILE:LINE:COL: POINTER, and leave the output directory exactly as it was.
// A spec named warn-<case> is one the generator survives: it exits 0 with
// the warnings in golden/invalid/<case>.warn, and 1 under -strict with the
// messages in <case>.err.
//
// Rewrite the goldens with
//
//	go test ./internal/gen -run 'TestInvalidSpecs|TestSurvivableSpecs' -update
//
// and review the diff.

// invErrLine is one line of an error report: every problem is placed.
var invErrLine = regexp.MustCompile(`^gen: (warning: )?([^:]+):(\d+):(\d+): (#[^ ]*): \S.*$`)

// invStrictSummary ends an error report under -strict.
var invStrictSummary = regexp.MustCompile(`^gen: \d+ warning\(s\) treated as errors \(-strict\)$`)

// generatedInvalid are the bad specs too large, too deep or too odd to keep
// as files: the test writes each into an empty directory and runs gen there.
var generatedInvalid = []struct {
	name string // golden/invalid/<name>.err; the spec is <name>.yaml
	spec func() []byte
}{
	// A schema nested 10,000 levels deep, as written: the YAML parser stops
	// at 10,000 levels, before anything is built.
	{"nested-10000", func() []byte {
		return invSchemaSpec(strings.Repeat("{type: object, properties: {a: ", 10000) + "{type: string}" + strings.Repeat("}}", 10000))
	}},
	// A schema nested 10,000 levels deep through a chain of YAML aliases,
	// each only one level deep as written: the loader's own depth check
	// stops it, with the pointer of the first level too deep.
	{"nested-alias-10000", func() []byte {
		var b strings.Builder
		b.WriteString("openapi: 3.1.0\ninfo: {title: Nested through aliases, version: \"1.0\"}\npaths: {}\nx-levels:\n  l0: &l0 {type: string}\n")
		for i := 1; i <= 10000; i++ {
			fmt.Fprintf(&b, "  l%d: &l%d {type: array, items: *l%d}\n", i, i, i-1)
		}
		b.WriteString("components:\n  schemas:\n    Deep: *l10000\n")
		return []byte(b.String())
	}},
	// One level deeper than the loader reads: Deep is the fourth level of
	// the document, and its innermost items the 257th.
	{"nested-257", func() []byte {
		return invSchemaSpec(strings.Repeat("{type: array, items: ", 253) + "{type: string}" + strings.Repeat("}", 253))
	}},
	// 50 MB of schemas: refused by size before it is parsed.
	{"huge-50mb", func() []byte { return invHugeSpec(50 << 20) }},
	// 1,000 components, each adding one field to the one before by allOf:
	// 500,500 fields in all. Refused once it passes load.MaxFields.
	{"allof-expansion", func() []byte {
		var b strings.Builder
		b.WriteString("openapi: 3.1.0\ninfo: {title: allOf expansion, version: \"1.0\"}\npaths: {}\ncomponents:\n  schemas:\n    S0: {type: object, properties: {p0: {type: string}}}\n")
		for i := 1; i < 1000; i++ {
			fmt.Fprintf(&b, "    S%d: {allOf: [{$ref: '#/components/schemas/S%d'}, {type: object, properties: {p%d: {type: string}}}]}\n", i, i-1, i)
		}
		return []byte(b.String())
	}},
	// Raw bytes YAML refuses: invalid UTF-8 and a NUL in descriptions.
	{"invalid-utf8", func() []byte {
		return invSchemaSpec("\n        type: string\n        description: \"caf\xe9 \xff\xfe\"")
	}},
	// Old Mac line endings: YAML counts a lone CR as a line break, and the
	// error was placed past the end of the file.
	{"lone-cr", func() []byte {
		return []byte("openapi: 3.1.0\rinfo: {title: t, version: \"1.0\"}\rpaths: {}\rcomponents: {schemas: {A: {type: strin\r")
	}},
	{"nul-byte", func() []byte {
		return invSchemaSpec("\n        type: string\n        description: \"a\x00b\"")
	}},
}

// generatedInvalidDirs are bad specs in several files that cannot be kept
// in git (a symbolic link out of the folder) or are too large to: the test
// writes each into an empty directory and runs gen there on spec/openapi.yaml.
var generatedInvalidDirs = []struct {
	name  string            // golden/invalid/<name>.err
	files map[string]string // path → content, below the directory
	links map[string]string // path → symbolic link target
}{
	// spec/outside is a link to a folder beside the spec's: the file exists,
	// but reading it would leave the spec's folder.
	{name: "symlink-escape",
		files: map[string]string{
			"spec/openapi.yaml":  "openapi: 3.1.0\ninfo: {title: t, version: \"1.0\"}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: outside/pet.yaml}\n    Tag: {$ref: 'tags/tag.yaml'}\n",
			"spec/tags/tag.yaml": "type: string\n",
			"elsewhere/pet.yaml": "type: object\n",
			"elsewhere/tag.yaml": "type: string\n",
		},
		links: map[string]string{"spec/outside": "../elsewhere", "spec/tags/tag.yaml": "../../elsewhere/tag.yaml"},
	},
	// Three files of 8 MiB: each is allowed, together they pass
	// load.MaxSpecSize, and the $ref that reads past it is refused.
	{name: "huge-split", files: map[string]string{
		"spec/openapi.yaml": "openapi: 3.1.0\ninfo: {title: t, version: \"1.0\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n    B: {$ref: b.yaml}\n    C: {$ref: c.yaml}\n",
		"spec/a.yaml":       invHugeSchema(8 << 20),
		"spec/b.yaml":       invHugeSchema(8 << 20),
		"spec/c.yaml":       invHugeSchema(8 << 20),
	}},
}

// invHugeSchema is an object schema of at least size bytes.
func invHugeSchema(size int) string {
	var b strings.Builder
	b.WriteString("type: object\nproperties:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  p%d: {type: string, description: property number %d of a schema far larger than any real one}\n", i, i)
	}
	return b.String()
}

// invSchemaSpec is a spec whose one component schema, Deep, is schema.
func invSchemaSpec(schema string) []byte {
	return []byte("openapi: 3.1.0\ninfo: {title: t, version: \"1.0\"}\npaths: {}\ncomponents:\n  schemas:\n    Deep: " + schema + "\n")
}

// invHugeSpec is a spec of at least size bytes: many paths and components, as
// a real large API would have.
func invHugeSpec(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString("openapi: 3.1.0\ninfo: {title: Huge, version: \"1.0\"}\npaths: {}\ncomponents:\n  schemas:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `    Thing%d:
      type: object
      description: Thing number %d, with a description long enough to weigh like a real one does.
      properties:
        id: {type: string, format: uuid}
        name: {type: string}
        count: {type: integer, format: int64}
        tags: {type: array, items: {type: string}}
`, i, i)
	}
	return b.Bytes()
}

// invSeededOut is an output directory holding a package generated earlier
// (from the seed) and a hand-written file, as a real one would: a failing run
// must leave every byte and every modification time of it alone.
func invSeededOut(t *testing.T, root string) string {
	t.Helper()
	out := t.TempDir()
	code, _, stderr := run("-spec", filepath.Join(root, "specs", "porting-orders-update.yml"), "-out", out, "-package", "portingorders")
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.WriteFile(filepath.Join(out, "extra.go"), []byte("package portingorders\n\n// Hand-written.\nconst extra = 1\n"), 0o644))
	return out
}

// invGolden compares got with golden/invalid/<name><ext>, or rewrites it
// under -update.
func invGolden(t *testing.T, root, name, ext, got string) {
	t.Helper()
	path := filepath.Join(root, "golden", "invalid", name+ext)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./internal/gen -run 'TestInvalidSpecs|TestSurvivableSpecs' -update")
	assert.Equal(t, string(want), got, "%s differs", path)
}

// invReport checks the shape of an error report: one placed problem a
// line, in spec, with a line and column that exist.
func invReport(t *testing.T, stderr, spec string, data []byte, strict bool) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	require.NotEmpty(t, lines)
	if strict {
		assert.Regexp(t, invStrictSummary, lines[len(lines)-1])
		lines = lines[:len(lines)-1]
	}
	require.NotEmpty(t, lines, "no problem reported")
	textLines := bytes.Split(data, []byte("\n"))
	for _, l := range lines {
		m := invErrLine.FindStringSubmatch(l)
		if !assert.NotNil(t, m, "not FILE:LINE:COL: POINTER: message: %q", l) {
			continue
		}
		text := textLines
		if m[2] != spec {
			// Another file of a spec in several files: in its folder.
			rel, err := filepath.Rel(filepath.Dir(spec), m[2])
			if !assert.NoError(t, err) || !assert.False(t, strings.HasPrefix(rel, ".."), "%q names a file outside the spec's folder", l) {
				continue
			}
			other, err := os.ReadFile(m[2])
			if !assert.NoError(t, err, "%q names a file that is not there", l) {
				continue
			}
			text = bytes.Split(other, []byte("\n"))
		}
		line, _ := strconv.Atoi(m[3])
		col, _ := strconv.Atoi(m[4])
		if assert.True(t, line >= 1 && line <= len(text), "%q: no line %d", l, line) {
			// A column may sit just past the end of its line (the end of
			// the file, or of a flow collection).
			assert.True(t, col >= 1 && col <= len([]rune(string(text[line-1])))+1, "%q: line %d has no column %d", l, line, col)
		}
	}
}

func TestInvalidSpecs(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	out := invSeededOut(t, root)
	before := hashDir(t, out)

	type invalidCase struct {
		name, dir, spec string
		write           func() []byte // nil for a committed spec
		files, links    map[string]string
	}
	var cases []invalidCase
	files, err := filepath.Glob(filepath.Join(root, "specs", "invalid", "*.*"))
	require.NoError(t, err)
	for _, f := range files {
		if filepath.Ext(f) == ".md" {
			continue
		}
		base := filepath.Base(f)
		if strings.HasPrefix(base, "warn-") {
			continue
		}
		cases = append(cases, invalidCase{name: strings.TrimSuffix(base, filepath.Ext(base)), dir: root, spec: "specs/invalid/" + base})
	}
	// A folder specs/invalid/<case>/ is a spec in several files.
	roots, err := filepath.Glob(filepath.Join(root, "specs", "invalid", "*", "openapi.*"))
	require.NoError(t, err)
	for _, f := range roots {
		name := filepath.Base(filepath.Dir(f))
		cases = append(cases, invalidCase{name: name, dir: root, spec: "specs/invalid/" + name + "/" + filepath.Base(f)})
	}
	require.GreaterOrEqual(t, len(cases), 20, "specs/invalid has lost cases")
	for _, g := range generatedInvalid {
		cases = append(cases, invalidCase{name: g.name, spec: g.name + ".yaml", write: g.spec})
	}
	for _, g := range generatedInvalidDirs {
		cases = append(cases, invalidCase{name: g.name, spec: "spec/openapi.yaml", files: g.files, links: g.links})
	}
	seen := map[string]bool{}
	for _, c := range cases {
		require.False(t, seen[c.name], "two cases named %s", c.name)
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			dir := c.dir
			if c.write != nil {
				// Generated specs are run from their own directory, so that
				// their name in the messages is the same on every machine.
				dir = t.TempDir()
				require.NoError(t, os.WriteFile(filepath.Join(dir, c.spec), c.write(), 0o644))
			}
			if c.files != nil {
				dir = t.TempDir()
				for name, content := range c.files {
					require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
					require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
				}
				for name, target := range c.links {
					if err := os.Remove(filepath.Join(dir, name)); !os.IsNotExist(err) {
						require.NoError(t, err)
					}
					require.NoError(t, os.Symlink(target, filepath.Join(dir, name)))
				}
			}
			t.Chdir(dir)
			data, err := os.ReadFile(c.spec)
			require.NoError(t, err)

			code, stdout, stderr := run("-spec", c.spec, "-out", out, "-package", "portingorders")
			assert.Equal(t, 1, code, "exit code; stderr:\n%s", stderr)
			assert.Empty(t, stdout)
			invReport(t, stderr, c.spec, data, false)
			invGolden(t, root, c.name, ".err", stderr)
			assert.Equal(t, before, hashDir(t, out), "the output directory changed")
		})
	}
	// Every golden has its case.
	goldens, err := filepath.Glob(filepath.Join(root, "golden", "invalid", "*.err"))
	require.NoError(t, err)
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".err")
		if !seen[name] && !invFileExists(filepath.Join(root, "specs", "invalid", "warn-"+name+".yaml")) {
			t.Errorf("%s has no case", g)
		}
	}
}

func invFileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestTwoProblemsInOneRun: independent problems are all reported, sorted by
// position.
func TestTwoProblemsInOneRun(t *testing.T) {
	t.Chdir("../..")
	code, _, stderr := run("-spec", "specs/invalid/two-problems.yaml", "-out", t.TempDir(), "-package", "p")
	assert.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 2, stderr)
	assert.True(t, strings.HasPrefix(lines[0], "gen: specs/invalid/two-problems.yaml:5:5: #/paths/~1pets~1{pet_id}/get: "), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "gen: specs/invalid/two-problems.yaml:17:11: #/components/schemas/Pet/allOf/0: "), lines[1])
}

// TestSurvivableSpecs: a duplicate operationId, an unknown format and a
// construct oagen types by a fallback are warnings naming every place
// involved; the run succeeds. -strict turns them into errors: exit 1 and
// nothing written.
func TestSurvivableSpecs(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	t.Chdir(root)
	specs, err := filepath.Glob("specs/invalid/warn-*.yaml")
	require.NoError(t, err)
	require.Len(t, specs, 6)
	for _, spec := range specs {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(spec), "warn-"), ".yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(spec)
			require.NoError(t, err)

			out := t.TempDir()
			code, stdout, stderr := run("-spec", spec, "-out", out, "-package", "p")
			assert.Equal(t, 0, code, stderr)
			assert.Empty(t, stdout)
			invReport(t, stderr, spec, data, false)
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				assert.True(t, strings.HasPrefix(l, "gen: warning: "), l)
			}
			invGolden(t, root, name, ".warn", stderr)
			assert.FileExists(t, filepath.Join(out, "client.go"))

			// The same twice: names do not depend on anything but the spec.
			out2 := t.TempDir()
			code, _, stderr2 := run("-spec", spec, "-out", out2, "-package", "p")
			require.Equal(t, 0, code)
			assert.Equal(t, stderr, stderr2)
			assert.Equal(t, invDirContents(t, out), invDirContents(t, out2))

			strictOut := invSeededOut(t, root)
			before := hashDir(t, strictOut)
			code, stdout, stderr = run("-strict", "-spec", spec, "-out", strictOut, "-package", "portingorders")
			assert.Equal(t, 1, code, stderr)
			assert.Empty(t, stdout)
			invReport(t, stderr, spec, data, true)
			invGolden(t, root, name, ".err", stderr)
			assert.Equal(t, before, hashDir(t, strictOut), "-strict wrote to the output directory")
		})
	}
}

// invDirContents maps each file of dir to its content.
func invDirContents(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	m := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		m[e.Name()] = string(data)
	}
	return m
}

// TestDuplicateOperationIDNames: the duplicates get deterministic names by
// path, the first path keeping the plain one.
func TestDuplicateOperationIDNames(t *testing.T) {
	data, err := os.ReadFile("../../specs/invalid/warn-duplicate-operation-id.yaml")
	require.NoError(t, err)
	files, warnings, err := GenerateBytes("dup.yaml", data, Options{Package: "p", SpecPath: "dup.yaml"})
	require.NoError(t, err)
	assert.Len(t, warnings, 2)
	decls := invDecls(t, files)
	var methods []string
	for _, d := range decls {
		if strings.HasPrefix(d, "func (*DefaultService) ") {
			methods = append(methods, strings.TrimPrefix(d, "func (*DefaultService) "))
		}
	}
	assert.Equal(t, []string{"ListPets", "ListPets2", "ListPets3"}, methods)
}

// TestFallbacksAreDocumented: a construct typed by a fallback says so in the
// doc comment of the type it becomes, in the words of its warning.
func TestFallbacksAreDocumented(t *testing.T) {
	data, err := os.ReadFile("../../specs/invalid/warn-unsupported.yaml")
	require.NoError(t, err)
	files, warnings, err := GenerateBytes("unsupported.yaml", data, Options{Package: "p", SpecPath: "unsupported.yaml"})
	require.NoError(t, err)
	docs := invTypeDocs(t, files)
	byType := map[string]string{
		"#/components/schemas/CallRequest/oneOf/2": "CallRequest", // warned at the variant, noted on the union
		"#/components/schemas/Origin":              "Origin",
		"#/components/schemas/Labels":              "Labels",
		"#/components/schemas/Mixed":               "Mixed",
		"#/components/schemas/Weird":               "Weird",
	}
	documented := 0
	for _, w := range warnings {
		name, ok := byType[w.Pointer]
		if !ok {
			assert.Equal(t, "#/paths/~1calls/post/callbacks/status/{$request.body#~1status_url}/post", w.Pointer, "a warning about no type: %s", w)
			continue
		}
		documented++
		assert.Contains(t, docs[name], "The spec's schema could not be typed faithfully: "+w.Message+".", "the doc of %s", name)
	}
	assert.Equal(t, len(byType), documented)
}

// invDecls lists the top-level declarations of the generated files as
// "type X", "func X" or "func (*R) X".
func invDecls(t *testing.T, files []emit.File) []string {
	t.Helper()
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Name, f.Content, 0)
		require.NoError(t, err)
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					var recv string
					switch r := d.Recv.List[0].Type.(type) {
					case *ast.StarExpr:
						x := r.X
						if ix, ok := x.(*ast.IndexExpr); ok { // a generic type: *EventStream[T]
							x = ix.X
						}
						recv = "*" + x.(*ast.Ident).Name
					case *ast.Ident:
						recv = r.Name
					}
					out = append(out, "func ("+recv+") "+d.Name.Name)
				} else {
					out = append(out, "func "+d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok {
						out = append(out, "type "+ts.Name.Name)
					}
				}
			}
		}
	}
	return out
}

// invTypeDocs maps each generated type to its doc comment's text.
func invTypeDocs(t *testing.T, files []emit.File) map[string]string {
	t.Helper()
	docs := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.ParseComments)
		require.NoError(t, err)
		for _, d := range af.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					docs[s.(*ast.TypeSpec).Name.Name] = strings.Join(strings.Fields(g.Doc.Text()), " ")
				}
			}
		}
	}
	return docs
}

// TestLimitsStayGenerous: the limits refuse only what no real spec is. The
// largest spec at hand nests 18 levels and weighs 4 MB.
func TestLimitsStayGenerous(t *testing.T) {
	assert.GreaterOrEqual(t, load.MaxDepth, 100)
	assert.GreaterOrEqual(t, load.MaxSpecSize, 16<<20)
	assert.GreaterOrEqual(t, load.MaxFields, 100_000)

	// A schema nested as deep as the loader reads generates.
	spec := invSchemaSpec(strings.Repeat("{type: array, items: ", load.MaxDepth-4) + "{type: string}" + strings.Repeat("}", load.MaxDepth-4))
	_, _, err := GenerateBytes("deep.yaml", spec, Options{Package: "p", SpecPath: "deep.yaml"})
	assert.NoError(t, err)
}
