// Package gen is the oagen command: flags, the load → name → emit pipeline,
// and writing the output directory. cmd/gen only calls Main.
package gen

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

const usage = `usage: gen -spec FILE -out DIR -package NAME [flags]

gen reads an OpenAPI 3.0 or 3.1 document and writes one Go package into DIR:
typed models, enums, unions and a client, depending only on the standard
library. Files it wrote earlier and no longer produces are removed; other
files in DIR are left alone. Nothing is written unless generation succeeds.

From go generate, in a file of the package's parent directory:

	//go:generate go run github.com/oagen-dev/oagen/cmd/gen -spec ../api/openapi.yml -out petstore -package petstore

Exit codes: 0 success, 1 the spec could not be generated, 2 usage error.

Flags:
`

// Main runs the command with args (without the program name) and returns
// its exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	spec := fs.String("spec", "", "the OpenAPI document (YAML or JSON)")
	out := fs.String("out", "", "the directory to write the package into")
	pkg := fs.String("package", "", "the Go package name")
	envPrefix := fs.String("env-prefix", "", "prefix of the environment variables the client reads, e.g. TELNYX for TELNYX_API_KEY and TELNYX_BASE_URL")
	strict := fs.Bool("strict", false, "treat warnings (unknown formats, duplicate operationIds, fallbacks) as errors")
	exampleTests := fs.Bool("example-tests", false, "also write examples_test.go: every example in the spec must decode into its type and re-encode unchanged")
	stats := fs.Bool("stats", false, "print what was generated (types, enums, unions, nullable fields, operations, files, lines) to stderr")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var problems []string
	if *spec == "" {
		problems = append(problems, "-spec is required")
	}
	if *out == "" {
		problems = append(problems, "-out is required")
	}
	if err := checkPackage(*pkg); err != nil {
		problems = append(problems, err.Error())
	}
	if fs.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected arguments: %s", strings.Join(fs.Args(), " ")))
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stderr, "gen: %s\n", p)
		}
		fmt.Fprintln(stderr, "run gen -h for usage")
		return 2
	}
	files, api, err := generate(*spec, emit.Options{Package: *pkg, SpecPath: *spec, EnvPrefix: *envPrefix, ExampleTests: *exampleTests})
	var warnings []*model.Diagnostic
	if api != nil {
		warnings = api.Warnings
	}
	for _, w := range warnings {
		if *strict {
			fmt.Fprintf(stderr, "gen: %s\n", w.Error())
		} else {
			fmt.Fprintf(stderr, "gen: warning: %s\n", w.Error())
		}
	}
	if err != nil {
		printError(stderr, err)
		return 1
	}
	if *strict && len(warnings) > 0 {
		fmt.Fprintf(stderr, "gen: %d warning(s) treated as errors (-strict)\n", len(warnings))
		return 1
	}
	if err := Write(*out, files); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if *stats {
		fmt.Fprintf(stderr, "gen: %s\n", Count(api, files))
	}
	return 0
}

// Stats counts what a run generated.
type Stats struct {
	Structs, Enums, Unions, Aliases int
	NullableFields, Fields          int
	Operations, Iterators           int
	Files, Lines                    int
}

func (s Stats) String() string {
	return fmt.Sprintf("%d structs, %d enums, %d unions, %d aliases; %d fields, %d nullable; %d operations, %d iterators; %d files, %d lines",
		s.Structs, s.Enums, s.Unions, s.Aliases, s.Fields, s.NullableFields, s.Operations, s.Iterators, s.Files, s.Lines)
}

// Count returns the stats of a generated API and its files.
func Count(api *model.API, files []emit.File) Stats {
	var s Stats
	for _, t := range api.Types {
		switch t.Kind {
		case model.KindStruct:
			s.Structs++
			s.Fields += len(t.Fields)
			for _, f := range t.Fields {
				if f.Nullable {
					s.NullableFields++
				}
			}
		case model.KindEnum:
			s.Enums++
		case model.KindUnion:
			s.Unions++
		default:
			s.Aliases++
		}
	}
	s.Operations = len(api.Operations)
	for _, op := range api.Operations {
		if op.Pagination != nil {
			s.Iterators++
		}
	}
	s.Files = len(files)
	for _, f := range files {
		s.Lines += bytes.Count(f.Content, []byte("\n"))
	}
	return s
}

func printError(w io.Writer, err error) {
	var ds model.Diagnostics
	if errors.As(err, &ds) {
		for _, d := range ds {
			fmt.Fprintf(w, "gen: %s\n", d.Error())
		}
		return
	}
	fmt.Fprintf(w, "gen: %v\n", err)
}

// checkPackage refuses a package name Go would not accept.
func checkPackage(name string) error {
	switch {
	case name == "":
		return errors.New("-package is required")
	case !token.IsIdentifier(name):
		return fmt.Errorf("-package %q is not a valid Go identifier: use letters, digits and underscores, not starting with a digit", name)
	case name == "_" || name == "main":
		return fmt.Errorf("-package %q cannot be imported: choose another name", name)
	}
	return nil
}

// Generate runs the whole pipeline on the spec at path and returns the
// rendered files and the warnings, writing nothing.
func Generate(path string, opts emit.Options) ([]emit.File, []*model.Diagnostic, error) {
	files, api, err := generate(path, opts)
	if api == nil {
		return files, nil, err
	}
	return files, api.Warnings, err
}

func generate(path string, opts emit.Options) ([]emit.File, *model.API, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read spec: %w", err)
	}
	return generateBytes(path, data, opts)
}

// GenerateBytes is Generate on the spec's content.
func GenerateBytes(path string, data []byte, opts Options) ([]emit.File, []*model.Diagnostic, error) {
	files, api, err := generateBytes(path, data, opts)
	if api == nil {
		return files, nil, err
	}
	return files, api.Warnings, err
}

func generateBytes(path string, data []byte, opts Options) ([]emit.File, *model.API, error) {
	api, err := load.Load(path, data)
	if err != nil {
		return nil, nil, err
	}
	naming.Resolve(api)
	files, err := emit.Generate(api, opts)
	return files, api, err
}

// writeFile replaces path with content through a temporary file and a
// rename, so a reader never sees half a file.
func writeFile(path string, content []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".oagen-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(content)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// Options are emit's options.
type Options = emit.Options

// Write puts files into dir. A file whose content is unchanged is not
// touched; the others are written to a temporary file and renamed into
// place. Files in dir that carry oagen's header and are not among files are
// removed; every other file is left alone.
func Write(dir string, files []emit.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Check every file before replacing any, so a refusal leaves dir as it was.
	keep := map[string]bool{}
	var changed []emit.File
	for _, f := range files {
		keep[f.Name] = true
		path := filepath.Join(dir, f.Name)
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case bytes.Equal(old, f.Content):
			continue
		case !emit.IsGenerated(old):
			return fmt.Errorf("%s exists and was not generated by oagen: move it away or choose another -out", path)
		}
		changed = append(changed, f)
	}
	for _, f := range changed {
		if err := writeFile(filepath.Join(dir, f.Name), f.Content); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var stale []string
	for _, e := range entries {
		if e.IsDir() || keep[e.Name()] || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if content, err := os.ReadFile(path); err == nil && emit.IsGenerated(content) {
			stale = append(stale, path)
		}
	}
	sort.Strings(stale)
	for _, path := range stale {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	return nil
}
