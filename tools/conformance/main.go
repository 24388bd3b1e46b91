// Command conformance checks oagen's generated client against a spec on the
// wire. For each spec it generates the SDK into a throwaway module, calls
// every operation through the generated client with arguments from the
// spec's examples (or built from its schemas), checks every request with
// libopenapi-validator and with Prism mocking the same spec, and decodes
// every answer. It prints one row per spec: operations, accepted, rejected
// (with Prism's reason), decode errors.
//
//	go run . -prism ../prism SPEC...      (from tools/conformance)
//	make conformance SPEC=path/to/openapi.yml
//
// One Node process serves every spec's Prism mock (prism.js), and one
// driver program, built once, calls the operations of every spec.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	vconfig "github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/gen"
	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
)

//go:embed driver.go.txt
var driverSource string

//go:embed prism.js
var prismScript string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// spec is one spec's run.
type spec struct {
	path string // as given
	// data is the spec, its files put into one document when it refers to
	// others (load.Bundle, as the generator reads it); prismPath is the file
	// Prism reads: path, or that document written out.
	data      []byte
	prismPath string
	pkg       string // the generated package's name and directory
	err       error  // why the spec could not be run
	api       *model.API
	doc       *v3.Document
	validator validator.Validator
	calls     []*call
	// missing are operations libopenapi does not list (none, normally).
	missing []*model.Operation
	proxy   *proxy
	prism   string // Prism's base URL
	// prismErr is why Prism did not serve the spec; no matter when it has
	// no operations to call.
	prismErr error
	results  map[string]result
}

// result is the driver's conformanceResult.
type result struct {
	ID      string `json:"id"`
	Outcome string `json:"outcome"`
	Status  int    `json:"status"`
	Detail  string `json:"detail"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	prismDir := fs.String("prism", "../prism", "the npm prefix Prism is installed in (npm ci --prefix DIR)")
	sample := fs.String("sample", "", "SPEC=N: call only N operations of SPEC, evenly spread (repeatable, comma-separated)")
	keep := fs.String("keep", "", "build in this directory and keep it (default: a temporary one, removed)")
	verbose := fs.Bool("v", false, "list every operation that was not accepted and decoded")
	expect := fs.String("expect", "", "compare the table with this file and fail when it differs")
	update := fs.Bool("update", false, "with -expect: rewrite the file instead")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: conformance [flags] SPEC...\n\nExample:\n\tgo run ./tools/conformance -prism tools/prism specs/porting-orders.yml\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	samples, err := parseSamples(*sample)
	if err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 2
	}

	work := *keep
	if work == "" {
		if work, err = os.MkdirTemp("", "oagen-conformance-*"); err != nil {
			fmt.Fprintln(stderr, "conformance:", err)
			return 1
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}

	specs := make([]*spec, fs.NArg())
	for i, path := range fs.Args() {
		specs[i] = &spec{path: path, pkg: fmt.Sprintf("p%d", i)}
	}
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(stderr, "conformance: %5.1fs "+format+"\n", append([]any{time.Since(start).Seconds()}, a...)...)
	}

	for _, s := range specs {
		s.read(work)
	}
	// Prism parses the specs while the SDKs are generated and built.
	pr, err := startPrism(*prismDir, work, specs)
	if err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}
	defer pr.stop()

	for _, s := range specs {
		s.prepare(work, samples[s.path])
	}
	logf("generated %d SDKs", len(specs))
	driver, err := buildDriver(work, specs)
	if err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}
	logf("built the driver")
	if err := pr.wait(specs); err != nil {
		fmt.Fprintln(stderr, "conformance:", err)
		return 1
	}
	logf("Prism is serving")

	var driverArgs []string
	for i, s := range specs {
		if s.err != nil || len(s.calls) == 0 {
			continue
		}
		if s.prism == "" {
			s.err = cmp.Or(s.prismErr, errors.New("Prism did not serve it"))
			continue
		}
		base, err := s.serve(i, pr.crashes)
		if err != nil {
			s.err = err
			continue
		}
		calls, _ := json.Marshal(s.calls)
		callsFile := filepath.Join(work, s.pkg+".calls.json")
		if err := os.WriteFile(callsFile, calls, 0o644); err != nil {
			s.err = err
			continue
		}
		driverArgs = append(driverArgs, strconv.Itoa(i), base, callsFile, filepath.Join(work, s.pkg+".results.jsonl"))
	}
	if len(driverArgs) > 0 {
		cmd := exec.Command(driver, driverArgs...)
		cmd.Stdout, cmd.Stderr = stderr, stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(stderr, "conformance: driver:", err)
			return 1
		}
	}
	logf("called every operation")
	for _, s := range specs {
		if s.err == nil && s.proxy != nil {
			s.err = s.readResults(filepath.Join(work, s.pkg+".results.jsonl"))
		}
	}
	if *verbose {
		pr.mu.Lock()
		if pr.out.Len() > 0 {
			fmt.Fprintf(stderr, "conformance: Prism's output:\n%s", pr.out.String())
		}
		pr.mu.Unlock()
	}

	var table bytes.Buffer
	writeTable(&table, specs)
	stdout.Write(table.Bytes())
	if *verbose {
		writeDetails(stdout, specs)
	}
	failed := failures(specs)
	if failed > 0 {
		fmt.Fprintf(stderr, "conformance: %d failures: a spec that cannot run, a decode error, a request libopenapi-validator refused (see the table)\n", failed)
	}
	if *expect != "" {
		if *update {
			if err := os.WriteFile(*expect, table.Bytes(), 0o644); err != nil {
				fmt.Fprintln(stderr, "conformance:", err)
				return 1
			}
		} else if want, err := os.ReadFile(*expect); err != nil {
			fmt.Fprintln(stderr, "conformance:", err)
			return 1
		} else if !bytes.Equal(want, table.Bytes()) {
			fmt.Fprintf(stderr, "conformance: the table differs from %s (rerun with -update to accept it); it was:\n%s", *expect, want)
			return 1
		}
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func parseSamples(list string) (map[string]int, error) {
	m := map[string]int{}
	for _, item := range strings.Split(list, ",") {
		if item == "" {
			continue
		}
		path, n, ok := strings.Cut(item, "=")
		count, err := strconv.Atoi(n)
		if !ok || err != nil || count <= 0 {
			return nil, fmt.Errorf("-sample %q: want SPEC=N with N > 0", item)
		}
		m[path] = count
	}
	return m, nil
}

// outerRef finds a $ref that may name another file; only a spec that has
// one is worth the parse load.Bundle makes.
var outerRef = regexp.MustCompile(`\$ref["']?\s*:\s*["']?[^"'#\s]`)

// read reads s and, when it refers to other files, puts them into one
// document as the generator does (load.Bundle): libopenapi, which the
// calls and the validator are built from, reads that document, and so does
// Prism, so that the three see the same spec whatever its $refs look like
// (libopenapi alone cannot resolve `../schemas/pet.yml#` from a nested file).
func (s *spec) read(work string) {
	s.prismPath = s.path
	data, err := os.ReadFile(s.path)
	if err != nil {
		s.err = err
		return
	}
	s.data = data
	if !outerRef.Match(data) {
		return
	}
	root, err := os.OpenRoot(filepath.Dir(s.path))
	if err != nil {
		s.err = err
		return
	}
	defer root.Close()
	bundled, err := load.Bundle(filepath.Base(s.path), data, root.FS())
	if err != nil {
		s.err = fmt.Errorf("bundle: %s", oneLine(err.Error(), 300))
		return
	}
	if bytes.Equal(bundled, data) {
		return
	}
	s.data = bundled
	s.prismPath = filepath.Join(work, s.pkg+".bundled.yml") // JSON is YAML too
	if err := os.WriteFile(s.prismPath, bundled, 0o644); err != nil {
		s.err = err
	}
}

// prepare generates s's SDK into work/s.pkg, adds the driver's files and
// builds the calls.
func (s *spec) prepare(work string, sample int) {
	if s.err != nil {
		return
	}
	data := s.data
	dir := filepath.Dir(s.path)
	opts := gen.Options{Package: s.pkg, SpecPath: filepath.Base(s.path), EnvPrefix: "CONFORMANCE"}
	var cfg *config.Config
	if sample > 0 {
		// Generate only the sampled operations (oagen.yaml's include):
		// building the whole SDK of a large spec is what would cost.
		_, api, _, err := gen.GenerateAPI(s.path, os.DirFS(dir), nil, opts)
		if err != nil {
			s.err = fmt.Errorf("generate: %s", oneLine(err.Error(), 300))
			return
		}
		cfg = &config.Config{}
		for _, op := range sampleOperations(api, sample) {
			cfg.Include.Operations = append(cfg.Include.Operations, config.Value{Value: op.ID})
		}
	}
	files, api, _, err := gen.GenerateAPI(s.path, os.DirFS(dir), cfg, opts)
	if err != nil {
		s.err = fmt.Errorf("generate: %s", oneLine(err.Error(), 300))
		return
	}
	s.api = api
	out := filepath.Join(work, s.pkg)
	if err := os.MkdirAll(out, 0o755); err != nil {
		s.err = err
		return
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(out, f.Name), f.Content, 0o644); err != nil {
			s.err = err
			return
		}
	}
	driver := strings.Replace(driverSource, "package PACKAGE", "package "+s.pkg, 1)
	if err := os.WriteFile(filepath.Join(out, "zz_conformance.go"), []byte(driver), 0o644); err != nil {
		s.err = err
		return
	}
	if err := os.WriteFile(filepath.Join(out, "zz_conformance_auth.go"), authSource(s.pkg, api), 0o644); err != nil {
		s.err = err
		return
	}

	abs, _ := filepath.Abs(dir)
	doc, err := libopenapi.NewDocumentWithConfiguration(data, &datamodel.DocumentConfiguration{
		BasePath:            abs,
		AllowFileReferences: true,
		// Its log would repeat what the error returned says, many times.
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		s.err = fmt.Errorf("libopenapi: %v", err)
		return
	}
	m, err := doc.BuildV3Model()
	if m == nil {
		s.err = fmt.Errorf("libopenapi: %v", err)
		return
	}
	s.doc = &m.Model
	// No schema cache: warming it compiles every schema of the document
	// (minutes for the full Telnyx spec), and each is used about once.
	s.validator = validator.NewValidatorFromV3Model(s.doc, vconfig.WithSchemaCache(nil), vconfig.WithoutResponseBodyValidation())
	s.calls, s.missing = buildCalls(api, s.doc)
}

// sampleOperations picks n client operations of api, evenly spread over
// them in document order, each with a spec operationId (the filter names
// operations by it).
func sampleOperations(api *model.API, n int) []*model.Operation {
	var all []*model.Operation
	for _, op := range api.Operations {
		if !op.Webhook && !op.IDDerived && op.GoName != "" {
			all = append(all, op)
		}
	}
	if n >= len(all) {
		return all
	}
	picked := make([]*model.Operation, n)
	for i := range picked {
		picked[i] = all[i*len(all)/n]
	}
	return picked
}

// authSource is the file that gives the driver's client a credential for
// every security scheme the generated package has an option for.
func authSource(pkg string, api *model.API) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport \"context\"\n\nvar _ = context.Background\n\n", pkg)
	b.WriteString("// conformanceAuth gives a credential for every security scheme.\nfunc conformanceAuth() []Option {\n\treturn []Option{\n")
	for _, sc := range api.SecuritySchemes {
		if sc.GoName == "" || sc.Unsupported != "" {
			continue
		}
		switch sc.Sends() {
		case "basic":
			fmt.Fprintf(&b, "\t\t%s(\"user\", \"password\"),\n", sc.GoName)
		case "bearer":
			if sc.Type == "http" {
				fmt.Fprintf(&b, "\t\t%s(\"test-token\"),\n", sc.GoName)
			} else {
				fmt.Fprintf(&b, "\t\t%s(TokenSourceFunc(func(context.Context) (string, error) { return \"test-token\", nil })),\n", sc.GoName)
			}
		case "header", "query", "cookie", "http":
			fmt.Fprintf(&b, "\t\t%s(\"test-key\"),\n", sc.GoName)
		}
	}
	b.WriteString("\t}\n}\n")
	return []byte(b.String())
}

// buildDriver writes the throwaway module's go.mod and main.go and builds
// the one driver program that runs every spec's calls.
func buildDriver(work string, specs []*spec) (string, error) {
	var imports, cases strings.Builder
	for i, s := range specs {
		if s.err != nil || len(s.calls) == 0 {
			continue // nothing to call: not worth compiling
		}
		fmt.Fprintf(&imports, "\t%s \"conformance.test/%s\"\n", s.pkg, s.pkg)
		fmt.Fprintf(&cases, "\t\"%d\": %s.ConformanceRun,\n", i, s.pkg)
	}
	main := fmt.Sprintf(`package main

import (
	"fmt"
	"io"
	"os"
	"sync"

%s)

var runs = map[string]func(string, []byte, io.Writer) error{
%s}

// Arguments come in fours: spec index, base URL, calls file, results file.
// The specs run at the same time, each its calls one after another.
func main() {
	a := os.Args[1:]
	var wg sync.WaitGroup
	failed := false
	var mu sync.Mutex
	for i := 0; i+3 < len(a); i += 4 {
		run, base, callsFile, resultsFile := runs[a[i]], a[i+1], a[i+2], a[i+3]
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := func() error {
				calls, err := os.ReadFile(callsFile)
				if err != nil {
					return err
				}
				f, err := os.Create(resultsFile)
				if err != nil {
					return err
				}
				defer f.Close()
				return run(base, calls, f)
			}()
			if err != nil {
				mu.Lock()
				failed = true
				fmt.Fprintln(os.Stderr, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failed {
		os.Exit(1)
	}
}
`, imports.String(), cases.String())
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte("module conformance.test\n\ngo 1.24\n"), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(work, "main.go"), []byte(main), 0o644); err != nil {
		return "", err
	}
	bin := filepath.Join(work, "driver")
	// -trimpath keeps the directory out of the build's cache keys: without
	// it, a fresh work directory misses the cache for every package, and
	// each run compiled all the generated SDKs again.
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		// A package that does not build is the generator's defect: say
		// which, and run the others.
		broken := map[string]bool{}
		for _, m := range regexp.MustCompile(`(?m)^(?:# conformance\.test/|p)(p\d+)\b`).FindAllStringSubmatch(string(out), -1) {
			broken[m[1]] = true
		}
		if len(broken) == 0 {
			return "", fmt.Errorf("building the driver: %v\n%s", err, out)
		}
		for _, s := range specs {
			if broken[s.pkg] {
				s.err = fmt.Errorf("the generated package does not build: %s", oneLine(string(out), 300))
			}
		}
		return buildDriver(work, specs)
	}
	return bin, nil
}

// serve starts s's validating proxy in front of its Prism server and
// returns the base URL the client is given: the proxy's, with the path of
// the spec's first server.
func (s *spec) serve(index int, crashes *crashes) (string, error) {
	s.proxy = &proxy{
		index:      index,
		crashes:    crashes,
		validator:  s.validator,
		serverPath: serverPath(s.doc),
		prism:      s.prism,
		client:     &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}},
		seen:       map[string][]exchange{},
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(l, s.proxy)
	return "http://" + l.Addr().String() + s.proxy.serverPath, nil
}

func (s *spec) readResults(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("driver: %w", err)
	}
	s.results = map[string]result{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("driver: %w", err)
		}
		s.results[r.ID] = r
	}
	return sc.Err()
}

// prismServer is the one Node process serving every spec's mock.
type prismServer struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	lines   chan string
	out     *bytes.Buffer
	mu      *sync.Mutex
	crashes *crashes
}

// crashes tells a proxy when Prism failed on its request (prism.js's
// "crash INDEX METHOD URL MESSAGE" lines): Prism never answers it.
type crashes struct {
	mu      sync.Mutex
	waiting map[string]chan string // by "INDEX METHOD URL"
}

func newCrashes() *crashes { return &crashes{waiting: map[string]chan string{}} }

// watch returns the channel that gets the reason when Prism crashes on the
// request key names, and the func that stops watching.
func (c *crashes) watch(key string) (<-chan string, func()) {
	ch := make(chan string, 1)
	c.mu.Lock()
	c.waiting[key] = ch
	c.mu.Unlock()
	return ch, func() {
		c.mu.Lock()
		delete(c.waiting, key)
		c.mu.Unlock()
	}
}

// crash reads a crash line's rest: the request, then the reason. A crash
// on no known request is left to Prism's output (-v).
func (c *crashes) crash(line string) {
	f := strings.SplitN(line, " ", 4)
	if len(f) < 4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch := c.waiting[f[0]+" "+f[1]+" "+f[2]]; ch != nil {
		select {
		case ch <- f[3]:
		default:
		}
	}
}

func startPrism(dir, work string, specs []*spec) (*prismServer, error) {
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@stoplight", "prism-http-server")); err != nil {
		npm := exec.Command("npm", "ci", "--ignore-scripts", "--prefix", dir)
		if out, err := npm.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("Prism is not installed in %s and npm ci failed (needs Node.js and npm): %v\n%s", dir, err, out)
		}
	}
	script := filepath.Join(work, "prism.js")
	if err := os.WriteFile(script, []byte(prismScript), 0o644); err != nil {
		return nil, err
	}
	args := []string{script, dir}
	for _, s := range specs {
		args = append(args, s.prismPath)
	}
	cmd := exec.Command("node", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &prismServer{cmd: cmd, stdin: stdin, lines: make(chan string, len(specs)+1), out: &bytes.Buffer{}, mu: &sync.Mutex{}, crashes: newCrashes()}
	cmd.Stderr = &lockedWriter{p.mu, p.out}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting Prism (node): %w", err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if reason, ok := strings.CutPrefix(sc.Text(), "crash "); ok {
				p.crashes.crash(reason)
				continue
			}
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	return p, nil
}

// wait reads Prism's "ready" lines into the specs.
func (p *prismServer) wait(specs []*spec) error {
	timeout := time.After(10 * time.Minute)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				p.mu.Lock()
				defer p.mu.Unlock()
				return fmt.Errorf("Prism exited before serving every spec:\n%s", p.out.String())
			}
			word, rest, _ := strings.Cut(line, " ")
			idx, detail, _ := strings.Cut(rest, " ")
			i, err := strconv.Atoi(idx)
			switch {
			case word == "done":
				return nil
			case err != nil || i < 0 || i >= len(specs):
				return fmt.Errorf("Prism: unexpected line %q", line)
			case word == "ready":
				specs[i].prism = detail
			case word == "failed":
				specs[i].prismErr = errors.New("Prism: " + oneLine(detail, 300))
			}
		case <-timeout:
			return errors.New("Prism did not start within 10 minutes")
		}
	}
}

func (p *prismServer) stop() {
	p.stdin.Close()
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// Verdicts of one call.
const (
	verdictAccepted  = "accepted"  // both accepted it, and the answer decoded
	verdictRejected  = "rejected"  // Prism refused it
	verdictValidator = "validator" // Prism accepted it, libopenapi-validator did not
	verdictDecode    = "decode"    // the answer did not decode, or members did not fit
	verdictOther     = "other"     // no request, or another client error
)

// verdict judges one call from the driver's result and the proxy's record.
func (s *spec) verdict(c *call) (verdict, reason string) {
	r, ok := s.results[c.ID]
	exs := s.proxy.seen[c.ID]
	if !ok {
		return verdictOther, "the driver reported nothing"
	}
	if len(exs) == 0 {
		return verdictOther, r.Outcome + ": " + oneLine(r.Detail, 300)
	}
	ex := exs[len(exs)-1]
	switch {
	case strings.HasPrefix(ex.prism, "Prism crashed: "):
		return verdictRejected, ex.prism
	case ex.status >= 300:
		return verdictRejected, fmt.Sprintf("%d %s", ex.status, ex.prism)
	case len(ex.validator) > 0:
		return verdictValidator, strings.Join(ex.validator, "; ")
	case r.Outcome == "decode" || r.Outcome == "invalid":
		return verdictDecode, oneLine(r.Detail, 300)
	case r.Outcome != "ok":
		return verdictOther, r.Outcome + ": " + oneLine(r.Detail, 300)
	case len(ex.spec) > 0:
		return verdictOther, "the spec, not the request: " + strings.Join(ex.spec, "; ")
	}
	return verdictAccepted, ""
}

// failures counts what makes the run fail (its exit status): a spec that
// could not be run at all, an answer that did not decode, a request
// libopenapi-validator refused though Prism did not, and a driver panic.
// The client built all of these, or the tool could not check it: oagen's
// fault, or the suite's. A request Prism refused, or one whose fault the
// report gives to the spec, is reported and does not fail the run: the
// arguments come from the spec's examples, which are often wrong, and
// Prism has faults of its own.
func failures(specs []*spec) int {
	n := 0
	for _, s := range specs {
		if s.err != nil {
			n++
			continue
		}
		if s.proxy == nil {
			continue
		}
		for _, c := range s.calls {
			switch v, _ := s.verdict(c); {
			case v == verdictDecode, v == verdictValidator:
				n++
			case v == verdictOther && s.results[c.ID].Outcome == "panic":
				n++
			}
		}
	}
	return n
}

func writeTable(w io.Writer, specs []*spec) {
	width := len("spec")
	for _, s := range specs {
		width = max(width, len(s.path))
	}
	fmt.Fprintf(w, "%-*s  %10s  %8s  %8s  %9s  %6s  %5s\n", width, "spec", "operations", "accepted", "rejected", "validator", "decode", "other")
	for _, s := range specs {
		if s.err != nil {
			fmt.Fprintf(w, "%-*s  cannot run: %s\n", width, s.path, s.err)
			continue
		}
		if s.api != nil && len(s.calls) == 0 && len(s.missing) == 0 {
			fmt.Fprintf(w, "%-*s  no operations: nothing to call (types only)\n", width, s.path)
			continue
		}
		n := map[string]int{}
		if s.proxy == nil {
			s.calls = nil // none were called
		}
		for _, c := range s.calls {
			v, _ := s.verdict(c)
			n[v]++
		}
		fmt.Fprintf(w, "%-*s  %10d  %8d  %8d  %9d  %6d  %5d\n", width, s.path, len(s.calls), n[verdictAccepted], n[verdictRejected], n[verdictValidator], n[verdictDecode], n[verdictOther]+len(s.missing))
	}
}

// writeDetails lists every call that was not accepted, grouped by spec.
func writeDetails(w io.Writer, specs []*spec) {
	for _, s := range specs {
		if s.err != nil {
			continue
		}
		var lines []string
		for _, c := range s.calls {
			if v, reason := s.verdict(c); v != verdictAccepted {
				line := fmt.Sprintf("  %s %s %s (%s.%s): %s: %s", v, c.op.Method, c.op.Path, c.Service, c.Method, c.ID, reason)
				if exs := s.proxy.seen[c.ID]; len(exs) > 0 {
					ex := exs[len(exs)-1]
					line += "\n      sent " + ex.method + " " + ex.url
					if ex.body != "" {
						line += " " + ex.body
					}
				}
				lines = append(lines, line)
			}
		}
		for _, op := range s.missing {
			lines = append(lines, fmt.Sprintf("  other %s %s: libopenapi does not list it", op.Method, op.Path))
		}
		if len(lines) == 0 {
			continue
		}
		sort.Strings(lines)
		fmt.Fprintf(w, "\n%s:\n%s\n", s.path, strings.Join(lines, "\n"))
	}
}
