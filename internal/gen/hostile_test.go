package gen

import (
	"fmt"
	"go/ast"
	gobuild "go/build"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hostile-spec cases: specs written to break out of a comment, a string
// or an identifier, and to collide names. Each must generate a package that
// compiles, vets, and holds nothing the emitters did not write: no
// directive, no build constraint (in a comment or a file name), no cgo, and
// no import outside allowedImports.

// allowedImports are the packages generated code may import: the standard
// library packages the emitters and the support code use.
var allowedImports = map[string]bool{
	"bytes": true, "cmp": true, "compress/gzip": true, "context": true, "crypto/ed25519": true, "crypto/hmac": true, "crypto/rand": true, "crypto/sha256": true,
	"encoding": true, "encoding/base64": true, "encoding/binary": true, "encoding/json": true,
	"errors": true, "fmt": true, "io": true, "iter": true, "log": true, "log/slog": true, "maps": true, "math": true, "math/bits": true, "math/rand/v2": true,
	"mime": true, "mime/multipart": true, "net": true, "net/http": true, "net/textproto": true, "net/url": true,
	"os": true, "path/filepath": true, "reflect": true, "regexp": true, "slices": true, "sort": true, "strconv": true, "strings": true, "sync": true, "sync/atomic": true,
	"time": true, "unicode": true, "unicode/utf16": true, "unicode/utf8": true, "unsafe": true,
}

// hostileCase is one spec to generate: a file of specs/hostile, or one the
// test writes.
type hostileCase struct {
	name string // the package name and directory
	spec string // relative to the repository root, or a name in a temp dir
	data []byte // for a spec the test writes
	// known, when set, is an emitter bug this case still hits: the scan
	// must find exactly these problems until the bug is fixed, and the test
	// fails once it is not hit, so the entry is removed.
	known []string
}

func hostileCases(t *testing.T, root string) []hostileCase {
	files, err := filepath.Glob(filepath.Join(root, "specs", "hostile", "*.yaml"))
	require.NoError(t, err)
	var cases []hostileCase
	for _, f := range files {
		base := filepath.Base(f)
		name := strings.NewReplacer("-", "", ".", "").Replace(strings.TrimSuffix(base, filepath.Ext(base)))
		cases = append(cases, hostileCase{name: name, spec: "specs/hostile/" + base})
	}
	require.GreaterOrEqual(t, len(cases), 4, "specs/hostile has lost cases")
	return append(cases,
		// A megabyte of description on one line, and on many.
		hostileCase{name: "megabyteline", spec: "megabyte-line.yaml", data: megabyteSpec(strings.Repeat("All work and no play makes Jack a dull boy. ", 1<<20/44))},
		hostileCase{name: "megabytelines", spec: "megabyte-lines.yaml", data: megabyteSpec(strings.Repeat("All work and no play makes Jack a dull boy.\\n//go:generate rm -rf /\\n", 1<<20/66))},
		// JSON escapes YAML has no raw form for: a lone surrogate, NUL, a
		// byte order mark and a bidi override, in names and text.
		// Webhook keys, event types and summaries that try to end a comment
		// or a string, and schemas named as the webhook support code's names.
		hostileCase{name: "webhooknames", spec: "webhooks.json", data: []byte(`{"openapi": "3.1.0",
 "info": {"title": "t", "version": "1"},
 "paths": {},
 "webhooks": {
  "*/ \"x\n//go:generate rm -rf /": {"post": {"summary": "*/ \u202e\n//go:generate rm -rf /",
   "requestBody": {"content": {"application/json": {"schema": {"type": "object",
    "properties": {"type": {"type": "string", "const": "\"); os.Exit(1) //\n\u0000"}}}}}},
   "responses": {"200": {"description": "ok"}}}},
  "WebhookHandler": {"post": {"operationId": "Default",
   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebhookEvent"}}}},
   "responses": {"200": {"description": "ok"}}}}},
 "components": {"schemas": {
  "WebhookEvent": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["*/"]}}},
  "WebhookCallbacks": {"type": "object", "properties": {"a": {"type": "string"}}}}}}`)},
		hostileCase{name: "jsonescapes", spec: "escapes.json", data: []byte(`{"openapi": "3.1.0",
 "info": {"title": "t\u0000\ud800\ufeff\u202e", "version": "1"},
 "paths": {},
 "components": {"schemas": {
  "A\u0000\ud800": {"type": "object", "description": "nul \u0000 surrogate \ud800 bom \ufeff rlo \u202e\n//go:generate rm -rf /",
   "properties": {"\u0000": {"type": "string"}, "\ud800": {"type": "string"}, "\ufeff": {"type": "string"},
    "e": {"type": "string", "enum": ["\u0000", "\ud800", "\ufeff", "\u202e", "\u2028"]}}}}}}`)},
	)
}

// megabyteSpec is a spec whose schema, property and operation descriptions
// are each text.
func megabyteSpec(text string) []byte {
	return fmt.Appendf(nil, `openapi: 3.1.0
info: {title: Big text, version: "1.0", description: "%[1]s"}
paths:
  /a:
    get:
      operationId: getA
      description: "%[1]s"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/A"}
components:
  schemas:
    A:
      type: object
      description: "%[1]s"
      properties:
        a: {type: string, description: "%[1]s"}
`, text)
}

// TestHostileSpecs generates every hostile case into one module, scans each
// file, and vets the module.
func TestHostileSpecs(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	module := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(module, "go.mod"), []byte("module example.com/hostile\n\ngo 1.24\n"), 0o644))
	specDir := t.TempDir()
	t.Chdir(root)

	var names []string
	for _, c := range hostileCases(t, root) {
		t.Run(c.name, func(t *testing.T) {
			spec := c.spec
			if c.data != nil {
				spec = filepath.Join(specDir, c.spec)
				require.NoError(t, os.WriteFile(spec, c.data, 0o644))
			}
			out := filepath.Join(module, c.name)
			code, stdout, stderr := run("-spec", spec, "-out", out, "-package", c.name)
			require.Equal(t, 0, code, "stderr:\n%s", stderr)
			assert.Empty(t, stdout)
			for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if l != "" {
					assert.Regexp(t, invErrLine, l, "a warning not placed")
				}
			}
			problems := scanDir(t, out, c.name)
			if c.known != nil {
				assert.Equal(t, c.known, problems, "known emitter bug: when it no longer shows, remove it from hostileCases")
			} else {
				assert.Empty(t, problems)
			}
			// No text is copied whole: a description is cut, and so is
			// every generated file.
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			for _, e := range entries {
				info, err := e.Info()
				require.NoError(t, err)
				assert.Less(t, info.Size(), int64(256<<10), "%s is too big", e.Name())
			}
			names = append(names, c.name)
		})
	}
	require.NotEmpty(t, names)
	vetModule(t, module, knownVetFailures...)
}

// knownVetFailures are emitter bugs that go vet finds in the hostile cases,
// as a line of its output. The test fails when one is no longer found, so
// that the entry is removed with the bug. There are none now: property
// names with a comma, once tagged json:"dup,x", are percent-encoded in an
// oagenjson tag (emit models.go structFields, templates/json.go).
var knownVetFailures []string

// vetModule runs go vet, which type-checks, on every package of module, and
// gofmt -l. Each line of vet's output must match one of known, and each of
// known must match a line.
func vetModule(t *testing.T, module string, known ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("compiles generated code; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go binary on PATH")
	}
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if len(known) == 0 {
		require.NoError(t, err, "go vet:\n%s", out)
	} else {
		hit := make([]bool, len(known))
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if line == "" || strings.HasPrefix(line, "# ") {
				continue
			}
			found := false
			for i, k := range known {
				if regexp.MustCompile(`^(\./)?` + k + `$`).MatchString(line) {
					hit[i], found = true, true
				}
			}
			assert.True(t, found, "go vet: %s", line)
		}
		for i, k := range known {
			assert.True(t, hit[i], "known vet failure %q no longer happens: remove it from knownVetFailures", k)
		}
	}
	if gofmt, err := exec.LookPath("gofmt"); err == nil {
		cmd = exec.Command(gofmt, "-l", ".")
		cmd.Dir = module
		out, err = cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Empty(t, string(out), "files not gofmt'd")
	}
}

// scanDir scans every Go file of dir with scanFile.
func scanDir(t *testing.T, dir, pkg string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var problems []string
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		problems = append(problems, scanFile(e.Name(), src, pkg)...)
	}
	sort.Strings(problems)
	return problems
}

// buildContexts are the platforms a generated file must be built on: the
// file's name must not leave it out of any of them.
var buildContexts = [][2]string{{"linux", "amd64"}, {"windows", "arm64"}, {"darwin", "arm64"}, {"js", "wasm"}, {"wasip1", "wasm"}, {"freebsd", "386"}}

// scanFile lists what in a generated file the emitters did not write: a
// file name that constrains the build, a package clause other than pkg, a
// directive (a // comment with no space after the slashes), a block
// comment, a build constraint, an import outside allowedImports (import "C"
// among them), an init or main function. It reports a file that does not
// parse as such.
func scanFile(name string, src []byte, pkg string) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	if !strings.HasSuffix(name, ".go") {
		add("not a Go file")
		return problems
	}
	// methods_example_test.go is the one test file gen writes (the Example
	// functions of go doc); any other _test.go would leave the build.
	if strings.HasSuffix(name, "_test.go") && name != "methods_example_test.go" || !matchesEverywhere(name) {
		add("the file name is a build constraint")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		add("does not parse: %v", err)
		return problems
	}
	if f.Name.Name != pkg {
		add("package %s, want %s", f.Name.Name, pkg)
	}
	for _, g := range f.Comments {
		for _, c := range g.List {
			pos := fset.Position(c.Slash)
			text := c.Text
			switch {
			case strings.HasPrefix(text, "/*"):
				add("%d: a block comment", pos.Line)
			case constraint.IsGoBuild(text) || constraint.IsPlusBuild(text):
				add("%d: a build constraint %q", pos.Line, text)
			case len(text) > 2 && text[2] != ' ' && text[2] != '\t':
				// gofmt indents a code block in a doc comment with a tab.
				add("%d: a directive %q", pos.Line, text)
			}
			// Lines of a comment, as vet's buildtag check reads them.
			if body := strings.TrimSpace(strings.TrimPrefix(text, "//")); strings.HasPrefix(body, "+build") {
				add("%d: a +build line %q", pos.Line, text)
			}
		}
	}
	for _, imp := range f.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil || !allowedImports[path] {
			add("imports %s", imp.Path.Value)
		}
		if imp.Name != nil {
			add("imports %s as %s", imp.Path.Value, imp.Name.Name)
		}
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && (fd.Name.Name == "init" || fd.Name.Name == "main") {
			add("declares func %s", fd.Name.Name)
		}
	}
	return problems
}

// matchesEverywhere reports whether a file of this name is built on every
// platform of buildContexts.
func matchesEverywhere(name string) bool {
	for _, p := range buildContexts {
		ctx := gobuild.Default
		ctx.GOOS, ctx.GOARCH = p[0], p[1]
		ctx.BuildTags, ctx.ToolTags, ctx.ReleaseTags = nil, nil, nil
		// Only the name is judged: the content is a bare package clause.
		ctx.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("package p\n")), nil }
		if ok, err := ctx.MatchFile(".", name); err != nil || !ok {
			return false
		}
	}
	return true
}

// TestScanFileFindsForeignConstructs: the scanner finds each construct it
// looks for.
func TestScanFileFindsForeignConstructs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"ours.go", "// Code generated.\n\n// Package p is ours.\npackage p\n\nimport \"encoding/json\"\n\n// A is //go:generate text, quoted.\n//\n//\t//go:generate in a code block\ntype A json.RawMessage\n", nil},
		{"a.go", "//go:generate rm -rf /\npackage p\n", []string{`a.go: 1: a directive "//go:generate rm -rf /"`}},
		{"a.go", "//go:build ignore\n\npackage p\n", []string{`a.go: 1: a build constraint "//go:build ignore"`}},
		{"a.go", "// +build ignore\n\npackage p\n", []string{`a.go: 1: a build constraint "// +build ignore"`, `a.go: 1: a +build line "// +build ignore"`}},
		{"a.go", "package p\n\n// A\n// +build ignore\ntype A int\n", []string{`a.go: 4: a build constraint "// +build ignore"`, `a.go: 4: a +build line "// +build ignore"`}},
		{"a.go", "package p\n\n//line evil.go:1\ntype A int\n", []string{`a.go: 3: a directive "//line evil.go:1"`}},
		{"a.go", "package p\n\n/* block */\ntype A int\n", []string{"a.go: 3: a block comment"}},
		{"a.go", "package p\n\n// #cgo LDFLAGS: -lcrypto\nimport \"C\"\n", []string{`a.go: imports "C"`}},
		{"a.go", "package p\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n", []string{`a.go: imports "os/exec"`}},
		{"a.go", "package p\n\nimport j \"encoding/json\"\n\nvar _ = j.Marshal\n", []string{`a.go: imports "encoding/json" as j`}},
		{"a.go", "package p\n\nfunc init() {}\n", []string{"a.go: declares func init"}},
		{"a.go", "package q\n", []string{"a.go: package q, want p"}},
		{"a.go", "package p\n\nfunc {\n", []string{"a.go: does not parse: a.go:3:6: expected 'IDENT', found '{'"}},
		{"service_windows.go", "package p\n", []string{"service_windows.go: the file name is a build constraint"}},
		{"service_arm64.go", "package p\n", []string{"service_arm64.go: the file name is a build constraint"}},
		{"service_test.go", "package p\n", []string{"service_test.go: the file name is a build constraint"}},
		{"_service.go", "package p\n", []string{"_service.go: the file name is a build constraint"}},
		{"service_pets.go", "package p\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, scanFile(tt.name, []byte(tt.src), "p"))
		})
	}
}

// TestHostilePackageNames: a package name Go would not accept is a usage
// error, exit 2, and nothing is written; a name that is a predeclared
// identifier or not ASCII is a valid package and generates.
func TestHostilePackageNames(t *testing.T) {
	spec, err := filepath.Abs("../../specs/golden/enums.yml")
	require.NoError(t, err)
	for _, name := range []string{"my-pkg", "9lives", "type", "func", "main", "_", "a b", "pkg/sub", "p\x00", "p\n//go:generate"} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := run("-spec", spec, "-out", out, "-package", name)
		assert.Equal(t, 2, code, "-package %q", name)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, fmt.Sprintf("gen: -package %q ", name))
		assert.True(t, strings.HasSuffix(stderr, "\nrun gen -h for usage\n"), stderr)
		assert.NoDirExists(t, out, "-package %q wrote something", name)
	}

	module := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(module, "go.mod"), []byte("module example.com/pkgnames\n\ngo 1.24\n"), 0o644))
	for i, name := range []string{"string", "nil", "error", "iota", "init", "json", "http", "名前"} {
		out := filepath.Join(module, fmt.Sprintf("p%d", i))
		code, _, stderr := run("-spec", spec, "-out", out, "-package", name)
		require.Equal(t, 0, code, "-package %q: %s", name, stderr)
		assert.Empty(t, scanDir(t, out, name))
	}
	vetModule(t, module)
}

// TestHostileNamesAreDistinct: names that normalise to the same Go name get
// distinct, deterministic ones.
func TestHostileNamesAreDistinct(t *testing.T) {
	data, err := os.ReadFile("../../specs/hostile/collisions.yaml")
	require.NoError(t, err)
	files, _, err := GenerateBytes("collisions.yaml", data, Options{Package: "p", SpecPath: "collisions.yaml"})
	require.NoError(t, err)
	// Each type's doc ends with the schema it is: "Schema: #/...".
	byPointer := map[string]string{}
	for name, doc := range invTypeDocs(t, files) {
		if _, ptr, ok := strings.Cut(doc, " Schema: "); ok {
			byPointer[ptr] = name
		}
	}
	// Components whose key already is the Go name keep it (Pet, Pet2); the
	// others take the smallest free suffix in pointer order.
	const s = "#/components/schemas/"
	assert.Equal(t, map[string]string{
		s + "Pet": "Pet", s + "Pet2": "Pet2", s + "PET": "Pet3", s + "_pet": "Pet4", s + "pet": "Pet5",
		s + "pet-2": "Pet22", s + "pet_": "Pet6", s + "User": "User", s + "UserInner": "UserInner",
		s + "User/properties/inner": "UserInner2", s + "Sort": "Sort", s + "SortCreatedAt": "SortCreatedAt",
	}, byPointer)

	// Enum values that differ only in separators take suffixes in document
	// order; other symbols are spelled out. SortCreatedAt is a component's.
	var consts []string
	for _, f := range files {
		if f.Name != "enums.go" {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Content, 0)
		require.NoError(t, err)
		for _, d := range af.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, sp := range g.Specs {
					consts = append(consts, sp.(*ast.ValueSpec).Names[0].Name)
				}
			}
		}
	}
	assert.Equal(t, []string{"SortCreatedAt2", "SortMinusCreatedAt", "SortCreatedAt3", "SortCreatedAt4", "SortCreatedAt5",
		"SortCreatedAt6", "SortCreatedAt7", "SortEmpty", "SortSpace", "SortMinus", "SortUnderscore"}, consts)

	again, _, err := GenerateBytes("collisions.yaml", data, Options{Package: "p", SpecPath: "collisions.yaml"})
	require.NoError(t, err)
	require.Equal(t, len(files), len(again))
	for i := range files {
		assert.Equal(t, string(files[i].Content), string(again[i].Content))
	}
}
