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
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

const usage = `usage: gen [-config FILE] -spec FILE -out DIR -package NAME [flags]
       gen [flags] -check
       gen [flags] -diff OLD_SPEC [-json]

gen reads an OpenAPI 3.0 or 3.1 document and writes one Go package into DIR:
typed models, enums, unions and a client, depending only on the standard
library. Files it wrote earlier and no longer produces are removed; other
files in DIR are left alone. Nothing is written unless generation succeeds.

Settings can live in oagen.yaml (read from the current directory when
-config is not given, if it exists); flags override it.

-check generates in memory and compares with DIR: it writes nothing, prints
a unified diff of every file that differs, is missing or is stale, and exits
1 if there is any. -diff OLD_SPEC reports what changed from OLD_SPEC to the
spec, breaking and not, in the API and in the generated Go API.

From go generate, in a file of the package's parent directory:

	//go:generate go run github.com/oagen-dev/oagen/cmd/gen -spec ../api/openapi.yml -out petstore -package petstore

Exit codes: 0 success, 1 the spec could not be generated (or -check found
differences), 2 usage or config error, 3 -diff found a breaking change.

Flags:
`

// Main runs the command with args (without the program name) and returns
// its exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the config file; default ./"+config.DefaultFile+" if it exists. Flags override it")
	spec := fs.String("spec", "", "the OpenAPI document (YAML or JSON)")
	out := fs.String("out", "", "the directory to write the package into")
	pkg := fs.String("package", "", "the Go package name")
	envPrefix := fs.String("env-prefix", "", "prefix of the environment variables the client reads, e.g. TELNYX for TELNYX_API_KEY and TELNYX_BASE_URL")
	strict := fs.Bool("strict", false, "treat warnings (unknown formats, duplicate operationIds, fallbacks, config entries that match nothing) as errors")
	exampleTests := fs.Bool("example-tests", false, "also write examples_test.go: every example in the spec must decode into its type and re-encode unchanged")
	stats := fs.Bool("stats", false, "print what was generated (types, enums, unions, nullable fields, operations, files, lines) to stderr")
	check := fs.Bool("check", false, "write nothing: compare what would be generated with -out, print a unified diff of each file that differs, and exit 1 if any does")
	diffOld := fs.String("diff", "", "`OLD_SPEC`: report the changes from OLD_SPEC to -spec, in the API (breaking or not) and in the generated Go API; exit 3 if any breaks")
	jsonOut := fs.Bool("json", false, "with -diff: print the report as JSON")
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
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	cfg, err := config.Find(*configPath)
	if err != nil {
		printError(stderr, err)
		return 2
	}
	if cfg != nil {
		// Flags override the file.
		for _, s := range []struct {
			flag string
			dst  *string
			v    config.Value
		}{{"spec", spec, cfg.Spec}, {"out", out, cfg.Out}, {"package", pkg, cfg.Package}, {"env-prefix", envPrefix, cfg.EnvPrefix}} {
			if !set[s.flag] && s.v.Value != "" {
				*s.dst = s.v.Value
			}
		}
	}

	var problems []string
	if *spec == "" {
		problems = append(problems, "-spec is required")
	}
	if *out == "" && *diffOld == "" {
		problems = append(problems, "-out is required")
	}
	if *diffOld == "" || *pkg != "" {
		if err := checkPackage(*pkg); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if *check && *diffOld != "" {
		problems = append(problems, "-check and -diff cannot be used together")
	}
	if *jsonOut && *diffOld == "" {
		problems = append(problems, "-json needs -diff")
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
	opts := emit.Options{Package: *pkg, SpecPath: *spec, EnvPrefix: *envPrefix, ExampleTests: *exampleTests}
	if cfg != nil && !set["spec"] && cfg.Spec.Written != "" {
		// The header names the spec as oagen.yaml does, wherever gen runs.
		opts.SpecPath = cfg.Spec.Written
	}
	if *diffOld != "" {
		if opts.Package == "" {
			opts.Package = "api"
		}
		return runDiff(*diffOld, *spec, cfg, opts, *jsonOut, stdout, stderr)
	}

	defer tuneGC(*spec)()
	r, err := build(*spec, nil, cfg, opts)
	for _, w := range r.warnings {
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
	if *strict && len(r.warnings) > 0 {
		fmt.Fprintf(stderr, "gen: %d warning(s) treated as errors (-strict)\n", len(r.warnings))
		return 1
	}
	if *check {
		code := Check(*out, r.files, stdout, stderr)
		if code == 0 && *stats {
			fmt.Fprintf(stderr, "gen: %s\n", Count(r.api, r.files))
		}
		return code
	}
	if err := Write(*out, r.files); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if *stats {
		fmt.Fprintf(stderr, "gen: %s\n", Count(r.api, r.files))
	}
	return 0
}

// tuneGC sets the garbage collector for one generation and returns the
// function that restores it. Generation allocates a great deal that dies
// young (libopenapi's nodes, jennifer's trees, formatted source), so the
// default GOGC=100 spends a third of the CPU collecting. Instead the heap may
// grow 5× between collections, and a memory limit proportional to the spec
// (80× its size, at least 64 MiB) makes the collector run before that gets
// expensive. Measured on telnyx-full.yml: user CPU 2.6–2.9 s → 1.9–2.0 s,
// peak RSS 375 → 310 MiB. GOGC or GOMEMLIMIT in the environment win.
func tuneGC(specPath string) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	size := int64(0)
	if fi, err := os.Stat(specPath); err == nil {
		size = fi.Size()
	}
	oldLimit := debug.SetMemoryLimit(max(64<<20, 80*size))
	oldPercent := debug.SetGCPercent(400)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
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
	r, err := build(path, nil, nil, opts)
	return r.files, r.warnings, err
}

// GenerateBytes is Generate on the spec's content. The files its $refs
// name are read from the folder of path.
func GenerateBytes(path string, data []byte, opts Options) ([]emit.File, []*model.Diagnostic, error) {
	r, err := build(path, data, nil, opts)
	return r.files, r.warnings, err
}

// GenerateFS is Generate on a spec read from fsys, the spec's folder, as
// path.Base(path); the files its $refs name are read from fsys too. path is
// used in positions and for nothing else.
func GenerateFS(path string, fsys fs.FS, opts Options) ([]emit.File, []*model.Diagnostic, error) {
	data, err := fs.ReadFile(fsys, filepath.Base(path))
	if err != nil {
		return nil, nil, fmt.Errorf("read spec: %w", err)
	}
	r, err := buildFS(path, data, fsys, nil, opts)
	return r.files, r.warnings, err
}

// GenerateConfig is GenerateBytes with a config applied (nil for none).
func GenerateConfig(path string, data []byte, cfg *config.Config, opts Options) ([]emit.File, []*model.Diagnostic, error) {
	r, err := build(path, data, cfg, opts)
	return r.files, r.warnings, err
}

// result is what one run of the pipeline made.
type result struct {
	files    []emit.File
	api      *model.API          // named; nil when loading failed
	warnings []*model.Diagnostic // the spec's, then the config's
}

// build runs the pipeline: load (reading the file at path when data is
// nil), x-go-name, the config, the naming pass, the pinned-name check, emit.
func build(path string, data []byte, cfg *config.Config, opts emit.Options) (result, error) {
	var r result
	if data == nil {
		var err error
		if data, err = load.ReadSpec(path); err != nil {
			var ds model.Diagnostics
			if errors.As(err, &ds) {
				return r, err
			}
			return r, fmt.Errorf("read spec: %w", err)
		}
	}
	// The spec's folder, for the files its $refs name. An os.Root refuses
	// to follow a symbolic link out of it, as the loader does.
	var fsys fs.FS
	if root, err := os.OpenRoot(filepath.Dir(path)); err == nil {
		defer root.Close()
		fsys = root.FS()
	}
	return buildFS(path, data, fsys, cfg, opts)
}

// buildFS is build with the spec's folder given as fsys.
func buildFS(path string, data []byte, fsys fs.FS, cfg *config.Config, opts emit.Options) (result, error) {
	var r result
	api, err := load.LoadFS(path, data, fsys)
	if err != nil {
		return r, err
	}
	if err := load.PinGoNamesFS(path, data, fsys, api); err != nil {
		r.warnings = api.Warnings
		return r, err
	}
	cfgWarnings, cfgErr := cfg.Apply(api)
	r.api = api
	r.warnings = append(slices.Clone(api.Warnings), cfgWarnings...)
	if cfgErr != nil {
		return r, cfgErr
	}
	naming.Resolve(api)
	// The naming pass warns of names Go reserves, renamed: among the spec's.
	spec := model.Diagnostics(slices.Clone(api.Warnings))
	spec.Sort()
	r.warnings = append(spec, cfgWarnings...)
	if ds := naming.CheckPinned(api); len(ds) > 0 {
		return r, ds
	}
	r.files, err = emit.Generate(api, opts)
	return r, err
}

// maxFileName is the longest file name written, in bytes: the limit of
// common file systems (ext4, APFS, NTFS in UTF-16 units).
const maxFileName = 255

// checkNames refuses a file name that no file system would take, before
// anything is written.
func checkNames(files []emit.File) error {
	for _, f := range files {
		switch {
		case len(f.Name) > maxFileName:
			return fmt.Errorf("internal error: the file name %.40q... is %d bytes long, more than %d", f.Name, len(f.Name), maxFileName)
		case f.Name == "" || f.Name != filepath.Base(f.Name) || strings.ContainsAny(f.Name, "/\\\x00"):
			return fmt.Errorf("internal error: %q is not a file name", f.Name)
		}
	}
	return nil
}

// stage writes content into a temporary file of dir, to be renamed into
// place once every file is staged.
func stage(dir string, content []byte) (string, error) {
	tmp, err := os.CreateTemp(dir, ".oagen-*.tmp")
	if err != nil {
		return "", err
	}
	_, werr := tmp.Write(content)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// Options are emit's options.
type Options = emit.Options

// Write puts files into dir. A file whose content is unchanged is not
// touched; the others are written to a temporary file and renamed into
// place. Files in dir that carry oagen's header and are not among files are
// removed; every other file is left alone.
func Write(dir string, files []emit.File) error {
	p, err := planFor(dir, files)
	if err != nil {
		return err
	}
	// Every file was checked before any is replaced, so a refusal leaves dir
	// as it was.
	if len(p.foreign) > 0 {
		return fmt.Errorf("%s exists and was not generated by oagen: move it away or choose another -out", filepath.Join(dir, p.foreign[0].Name))
	}
	if err := checkNames(files); err != nil {
		return err
	}
	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Every file is written to a temporary file first, and renamed into
	// place only when all are: a disk that fills up, or any other failure,
	// leaves dir as it was (and a directory made for the output removed).
	writes := append(p.missing, p.changed...)
	staged := make([]string, 0, len(writes))
	undo := func() {
		for _, tmp := range staged {
			os.Remove(tmp)
		}
		if created {
			os.Remove(dir) // only when empty
		}
	}
	for _, f := range writes {
		tmp, err := stage(dir, f.Content)
		if err != nil {
			undo()
			return err
		}
		staged = append(staged, tmp)
	}
	for i, f := range writes {
		if err := os.Rename(staged[i], filepath.Join(dir, f.Name)); err != nil {
			staged = staged[i:]
			undo()
			return err
		}
	}
	for _, s := range p.stale {
		if err := os.Remove(filepath.Join(dir, s.Name)); err != nil {
			return err
		}
	}
	return nil
}

// plan is what writing files into a directory would do. Each list is
// sorted by name; for changed, stale and foreign files, old is what is on
// disk now.
type plan struct {
	missing []emit.File // new files
	changed []emit.File // oagen's files whose content differs
	stale   []emit.File // oagen's files it no longer generates: removed
	foreign []emit.File // files in the way that oagen did not write: refused
	old     map[string][]byte
}

func (p plan) clean() bool {
	return len(p.missing)+len(p.changed)+len(p.stale)+len(p.foreign) == 0
}

// planFor compares files with dir, by the rule Write follows: the files
// oagen owns in dir are those that carry its header.
func planFor(dir string, files []emit.File) (plan, error) {
	p := plan{old: map[string][]byte{}}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.Name] = true
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.missing = append(p.missing, f)
			continue
		case err != nil:
			return p, err
		case bytes.Equal(old, f.Content):
			continue
		}
		p.old[f.Name] = old
		if emit.IsGenerated(old) {
			p.changed = append(p.changed, f)
		} else {
			p.foreign = append(p.foreign, f)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return p, err
	}
	for _, e := range entries {
		if e.IsDir() || keep[e.Name()] || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		if content, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && emit.IsGenerated(content) {
			p.stale = append(p.stale, emit.File{Name: e.Name()})
			p.old[e.Name()] = content
		}
	}
	for _, l := range [][]emit.File{p.missing, p.changed, p.stale, p.foreign} {
		sort.Slice(l, func(i, j int) bool { return l[i].Name < l[j].Name })
	}
	return p, nil
}
